package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Decides, per record, which cluster a topic's producer writes to, and lets the switch to
 * CKafka wait for every legacy send already under way.
 *
 * <p>Concurrency: {@link #enter} runs on request threads, {@link #switchToCkafka} on a control
 * thread. Choosing the cluster and counting the send happen under the read lock, the switch
 * under the write lock, so after {@code switchToCkafka} returns no new send chooses legacy, and
 * {@link #awaitNoLegacySends} then waits for the sends that chose it before.
 */
public final class ProducerSwitch {

    private static final class TopicTarget {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private volatile Cluster cluster;
        private int legacyInFlight; // guarded by this

        TopicTarget(Cluster cluster) {
            this.cluster = cluster;
        }
    }

    private final Map<String, TopicTarget> targets = new ConcurrentHashMap<>();
    /** Topics whose producers are the operator's services: their route refuses every record. */
    private final java.util.Set<String> external = ConcurrentHashMap.newKeySet();

    /** Sets where the topic's records go, from its persisted phase, before its producer runs. */
    public void initialise(String topic, Phase phase) {
        targets.put(topic, new TopicTarget(phase.producerCluster()));
    }

    /**
     * The topic's producers are the operator's services: a record sent through its route is
     * refused in every phase. It would go to a cluster the operator's producers may have left
     * already (legacy, past the captured drain target) or not reached yet.
     */
    public void external(String topic) {
        external.add(topic);
    }

    /**
     * Chooses the cluster for one send and counts it; the caller must call {@link #leave} once
     * the send has been acknowledged or has failed.
     *
     * @throws IllegalStateException before the topic's phase is known (the app is still starting)
     * @throws WrongSideException    for a topic whose producers are external
     */
    public Cluster enter(String topic) {
        if (external.contains(topic)) {
            throw WrongSideException.producersExternal(topic, "its route takes no records");
        }
        TopicTarget target = targets.get(topic);
        if (target == null) {
            throw new IllegalStateException("the producer of topic '" + topic + "' is not ready yet");
        }
        target.lock.readLock().lock();
        try {
            Cluster cluster = target.cluster;
            if (cluster == Cluster.LEGACY) {
                synchronized (target) {
                    target.legacyInFlight++;
                }
            }
            return cluster;
        } finally {
            target.lock.readLock().unlock();
        }
    }

    public void leave(String topic, Cluster cluster) {
        if (cluster != Cluster.LEGACY) {
            return;
        }
        TopicTarget target = targets.get(topic);
        synchronized (target) {
            target.legacyInFlight--;
            target.notifyAll();
        }
    }

    /** From now on every new send of the topic goes to CKafka. */
    public void switchToCkafka(String topic) {
        TopicTarget target = targets.get(topic);
        target.lock.writeLock().lock();
        try {
            target.cluster = Cluster.CKAFKA;
        } finally {
            target.lock.writeLock().unlock();
        }
    }

    /** Waits until no send to legacy is under way; false if that took longer than {@code timeout}. */
    public boolean awaitNoLegacySends(String topic, Duration timeout) throws InterruptedException {
        TopicTarget target = targets.get(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (target) {
            while (target.legacyInFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                target.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Where the topic's records go now; empty before its phase is known. */
    public Optional<Cluster> cluster(String topic) {
        TopicTarget target = targets.get(topic);
        return target == null ? Optional.empty() : Optional.of(target.cluster);
    }
}
