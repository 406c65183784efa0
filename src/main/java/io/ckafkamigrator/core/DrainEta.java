package io.ckafkamigrator.core;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Estimates how long a consumer needs to read what is left, from how fast its position (a
 * count of records it has consumed) moved over the last few samples.
 * A sliding window rather than the whole history, so a consumer that slows down or speeds up
 * is seen within a few samples. Not thread-safe: one sampler thread feeds and asks it.
 */
public final class DrainEta {

    private record Sample(long atMillis, long position) {
    }

    private final int window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param window how many recent samples the rate is measured over (at least 2) */
    public DrainEta(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a rate needs a window of at least 2 samples, was " + window);
        }
        this.window = window;
    }

    /** Records how many records the consumer had consumed at {@code atMillis}. */
    public void record(long atMillis, long position) {
        if (!samples.isEmpty() && (position < samples.peekLast().position() || atMillis <= samples.peekLast().atMillis())) {
            // The count went back (a restart) or time did not move: start over.
            samples.clear();
        }
        samples.addLast(new Sample(atMillis, position));
        while (samples.size() > window) {
            samples.removeFirst();
        }
    }

    /** Records per second over the window; 0 when the group did not move, NaN with fewer than 2 samples. */
    public double ratePerSecond() {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        return (last.position() - first.position()) * 1000.0 / (last.atMillis() - first.atMillis());
    }

    /**
     * Seconds until {@code remaining} records are read at the recent rate: 0 when nothing is
     * left, NaN when unknown (too few samples, or the group has not moved within the window).
     */
    public double secondsLeft(long remaining) {
        if (remaining <= 0) {
            return 0;
        }
        double rate = ratePerSecond();
        return rate > 0 ? remaining / rate : Double.NaN;
    }
}
