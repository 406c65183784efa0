package io.ckafkamigrator.core;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long the monitor's last tick took over all topics: from the tick to the end of the last
 * topic round it started, each topic's round running on its own thread ({@link TopicRounds}).
 * The figure behind the {@code monitor.round} gauge and the benchmark of many topics.
 *
 * <p>Concurrency: {@link #begin} runs on the timer thread, one tick at a time; {@link Span#exit}
 * on the topic threads. A span is published by whichever thread ends it last; {@link #lastNanos}
 * is read by any thread.
 */
final class MonitorTick {

    private volatile long lastNanos = -1;

    /** A tick begins: its span is open until {@link Span#allStarted} and every round it started ended. */
    Span begin() {
        return new Span(System.nanoTime());
    }

    /** The last tick's span, in nanoseconds; empty before the first one ended. */
    OptionalLong lastNanos() {
        long last = lastNanos;
        return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /** One tick: counts the rounds it started that have not ended. */
    final class Span {

        private final long startedNanos;
        /** The rounds under way, plus one for the tick until it started them all. */
        private final AtomicInteger open = new AtomicInteger(1);

        private Span(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        /** A round of this tick is queued; it calls {@link #exit} when it ends. */
        void enter() {
            open.incrementAndGet();
        }

        /** A round of this tick ended (or was not queued after all). */
        void exit() {
            if (open.decrementAndGet() == 0) {
                lastNanos = System.nanoTime() - startedNanos;
            }
        }

        /** The tick started every round it was going to. */
        void allStarted() {
            exit();
        }
    }
}
