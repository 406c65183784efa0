package io.ckafkamigrator.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.apache.kafka.common.KafkaFuture;

/**
 * One kind of admin read (end offsets, committed offsets, ...) that many threads ask for at
 * once, answered by as few calls to the cluster as possible: keys asked for while a call of
 * this kind is under way are gathered and asked for together by the next call, the moment the
 * one under way has answered. With every topic's monitor round asking at the same tick, a round
 * over a hundred topics costs a call or two of each kind, not a hundred.
 *
 * <ol>
 *   <li>Never stale: a key's answer comes from a call issued after the key was asked for.</li>
 *   <li>At most one call of this kind is under way at a time; a key waits for at most the one
 *       under way and its own.</li>
 *   <li>Keys fail alone: the call's answer is per key (the admin client's per-partition,
 *       per-topic or per-group futures), so a deleted topic fails its own reads only. A call
 *       that throws before it is sent fails the keys it carried.</li>
 * </ol>
 *
 * <p>Concurrency: thread-safe. The next call is issued by the thread that completes the last
 * answer of the one before (the admin client's network thread): issuing only queues the call
 * in the admin client, it never blocks. Every answer ends, at the latest at the admin client's
 * own timeout, so the calls never stop. A call that answers at once issues the next one in a loop
 * on the same thread, never by recursion; a call that cannot be sent fails its keys and ends.
 *
 * @param <K> what one key reads (a partition, a topic, a group)
 * @param <V> its answer
 */
final class CoalescedCall<K, V> {

    private final Function<Set<K>, Map<K, KafkaFuture<V>>> call;
    private final LongAdder calls = new LongAdder();
    private final Object lock = new Object();
    /** The keys asked for since the call under way was issued (guarded by {@link #lock}). */
    private Map<K, CompletableFuture<V>> gathering = new LinkedHashMap<>();
    /** Whether a call is under way (guarded by {@link #lock}). */
    private boolean underWay;
    /** Set while this thread issues a call: a call that ends during it is continued by the issuing loop. */
    private final ThreadLocal<boolean[]> issuing = new ThreadLocal<>();

    /** @param call issues one call for the keys and answers a future per key; it must not block */
    CoalescedCall(Function<Set<K>, Map<K, KafkaFuture<V>>> call) {
        this.call = call;
    }

    /** The answer for {@code key}, from the next call. */
    CompletableFuture<V> read(K key) {
        return readAll(Set.of(key)).get(key);
    }

    /** The answers for {@code keys}, all from the same call. */
    Map<K, CompletableFuture<V>> readAll(Collection<K> keys) {
        Map<K, CompletableFuture<V>> answers = new LinkedHashMap<>();
        Map<K, CompletableFuture<V>> toIssue = null;
        synchronized (lock) {
            for (K key : keys) {
                answers.put(key, gathering.computeIfAbsent(key, k -> new CompletableFuture<>()));
            }
            if (!underWay && !gathering.isEmpty()) {
                underWay = true;
                toIssue = takeGathered();
            }
        }
        if (toIssue != null) {
            issue(toIssue);
        }
        return answers;
    }

    /** Calls issued so far: the round trips (one per broker the keys live on) this kind cost. */
    long calls() {
        return calls.sum();
    }

    private Map<K, CompletableFuture<V>> takeGathered() {
        Map<K, CompletableFuture<V>> taken = gathering;
        gathering = new LinkedHashMap<>();
        return taken;
    }

    /**
     * Issues {@code first}, then every batch gathered meanwhile whose call ends on this thread
     * while it issues (an answer that completes at once, such as a failure of a closed client):
     * in a loop, never by recursion, so the stack does not grow with the calls.
     */
    private void issue(Map<K, CompletableFuture<V>> first) {
        Map<K, CompletableFuture<V>> batch = first;
        while (batch != null) {
            boolean[] endedHere = {false};
            issuing.set(endedHere);
            try {
                send(batch);
            } finally {
                issuing.remove();
            }
            batch = endedHere[0] ? nextOrEnd() : null;
        }
    }

    private void send(Map<K, CompletableFuture<V>> batch) {
        Map<K, KafkaFuture<V>> answered;
        try {
            calls.increment();
            answered = call.apply(batch.keySet());
        } catch (Throwable e) {
            // Any failure to send ends the call: a batch left unanswered would hold every later read of this kind.
            batch.values().forEach(answer -> answer.completeExceptionally(e));
            callEnded();
            return;
        }
        AtomicInteger left = new AtomicInteger(batch.size());
        batch.forEach((key, answer) -> {
            KafkaFuture<V> future = answered.get(key);
            if (future == null) {
                answer.completeExceptionally(new IllegalStateException("no answer for " + key));
                if (left.decrementAndGet() == 0) {
                    callEnded();
                }
                return;
            }
            future.whenComplete((value, error) -> {
                if (error != null) {
                    // A derived admin future fails with its cause wrapped; the caller wants the cause.
                    answer.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                } else {
                    answer.complete(value);
                }
                if (left.decrementAndGet() == 0) {
                    callEnded();
                }
            });
        });
    }

    /**
     * The call under way has answered every key: the keys gathered meanwhile go now, from the
     * issuing loop if this thread is in it.
     */
    private void callEnded() {
        boolean[] endedHere = issuing.get();
        if (endedHere != null) {
            endedHere[0] = true;
            return;
        }
        Map<K, CompletableFuture<V>> next = nextOrEnd();
        if (next != null) {
            issue(next);
        }
    }

    /** The keys gathered since the call under way, or none: then no call is under way any more. */
    private Map<K, CompletableFuture<V>> nextOrEnd() {
        synchronized (lock) {
            if (gathering.isEmpty()) {
                underWay = false;
                return null;
            }
            return takeGathered();
        }
    }
}
