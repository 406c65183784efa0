package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which CKafka topics of LEGACY topics are missing: found at start (a missing one no longer
 * stops it), and gone once provisioning creates them or someone creates them by hand. Status and
 * readiness ask {@link #missing}, which looks at the cluster again at most every
 * {@code recheckInterval} while a topic is missing, so a topic created in the console is noticed
 * without a restart; the switch asks {@link #refuseSwitch}, which looks again at once. A topic
 * found present is never looked at again (deleting a live CKafka topic is outside what the
 * migrator guards against).
 *
 * <p>Concurrency: safe from any thread; the missing set is a concurrent map, and a listener of
 * {@link #onFound} runs once per topic, on the thread that found it.
 */
public final class CkafkaTopicPresence {

    private static final Logger LOG = LoggerFactory.getLogger(CkafkaTopicPresence.class);

    /** Missing topic to when it was last looked at ({@link System#nanoTime()}). */
    private final Map<String, Long> missing = new ConcurrentHashMap<>();
    private final Predicate<String> exists;
    private final long recheckNanos;
    private final LongSupplier nanoTime;
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param missingAtStart the CKafka topics the start found missing
     * @param exists         asks the cluster whether a topic exists; throws when it cannot tell
     */
    public CkafkaTopicPresence(Set<String> missingAtStart, Predicate<String> exists, Duration recheckInterval,
                               LongSupplier nanoTime) {
        this.exists = exists;
        this.recheckNanos = recheckInterval.toNanos();
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        missingAtStart.forEach(topic -> missing.put(topic, now));
    }

    /** Every topic present: what the control uses until the start tells it otherwise. */
    public static CkafkaTopicPresence allPresent() {
        return new CkafkaTopicPresence(Set.of(), topic -> true, Duration.ZERO, System::nanoTime);
    }

    /** {@code listener} learns each CKafka topic found present after it was missing. */
    public void onFound(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Whether the CKafka topic is missing, looking again once the last look is older than the interval. */
    public boolean missing(String ckafkaTopic) {
        Long lastLook = missing.get(ckafkaTopic);
        if (lastLook == null) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (now - lastLook < recheckNanos) {
            return true;
        }
        try {
            return lookAgain(ckafkaTopic, now);
        } catch (RuntimeException e) {
            // Status and readiness keep answering: the cluster's own check reports it unreachable.
            missing.replace(ckafkaTopic, now);
            LOG.debug("Cannot tell whether CKafka topic {} exists: {}", ckafkaTopic, e.toString());
            return true;
        }
    }

    /**
     * A switch needs the CKafka topic: refused while it is missing, looked at again right now.
     *
     * @throws CkafkaTopicMissingException naming the topic and the provisioning request
     * @throws RuntimeException            the cluster's failure when it cannot tell (the switch is
     *                                     refused as unavailable, not as a missing topic)
     */
    public void refuseSwitch(TopicConfig topic) {
        if (missing.containsKey(topic.ckafkaTopic()) && lookAgain(topic.ckafkaTopic(), nanoTime.getAsLong())) {
            throw new CkafkaTopicMissingException(topic);
        }
    }

    /** The topic's readiness problem while its CKafka topic is missing. */
    public Optional<String> problem(TopicConfig topic) {
        return missing(topic.ckafkaTopic()) ? Optional.of(missingText(topic)) : Optional.empty();
    }

    /** Provisioning created the topic, or found it: it is present from now on. */
    public void found(String ckafkaTopic) {
        if (missing.remove(ckafkaTopic) != null) {
            LOG.info("CKafka topic present: ckafkaTopic={} (the switch of its topics is allowed)", ckafkaTopic);
            listeners.forEach(listener -> listener.accept(ckafkaTopic));
        }
    }

    /** @return whether it is still missing */
    private boolean lookAgain(String ckafkaTopic, long now) {
        if (exists.test(ckafkaTopic)) {
            found(ckafkaTopic);
            return false;
        }
        missing.replace(ckafkaTopic, now);
        return true;
    }

    static String missingText(TopicConfig topic) {
        return "CKafka topic '" + topic.ckafkaTopic() + "' of topic '" + topic.name() + "' does not exist: create it "
                + "with POST /api/migrations/" + topic.name() + "/provision (or in the CKafka console)";
    }
}
