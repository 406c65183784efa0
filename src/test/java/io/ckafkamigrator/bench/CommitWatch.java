package io.ckafkamigrator.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

/**
 * Watches a consumer group's committed offsets on a thread of its own, every few milliseconds,
 * and notes the wall-clock time their sum first reached a target: when the group had
 * committed everything it had to drain.
 */
final class CommitWatch {

    private static final long INTERVAL_MS = 5;

    private final CountDownLatch reached = new CountDownLatch(1);
    private volatile long reachedAtMillis;

    CommitWatch(Admin admin, String group, String topic, long target) {
        Thread thread = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS).entrySet().stream()
                            .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                            .mapToLong(e -> e.getValue().offset()).sum();
                    if (committed >= target) {
                        reachedAtMillis = System.currentTimeMillis();
                        reached.countDown();
                        return;
                    }
                    // A sampling interval, not a wait for a condition: the resolution of the time.
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // A slow answer: ask again.
                }
            }
        }, "commit-watch-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the target was seen committed yet. */
    boolean reached() {
        return reached.getCount() == 0;
    }

    /** Wall-clock milliseconds at which the target was first seen committed. */
    long awaitReached(Duration timeout) throws InterruptedException {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the group never committed its drain target");
        }
        return reachedAtMillis;
    }
}
