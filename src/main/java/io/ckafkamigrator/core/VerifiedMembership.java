package io.ckafkamigrator.core;

/**
 * The last look at an ordered topic's CKafka group that found no foreign member, and the group
 * generation it holds for. Looking costs an admin round trip or two (about 100 ms measured on
 * in-JVM brokers), too much for the handoff pause; but no member joins or leaves a group
 * without a rebalance, which changes the generation our waiting consumer reports after each
 * poll. So a look taken while the generation stayed the same holds until it changes: the
 * request looks, the monitor looks again after each rebalance, and the handoff looks itself
 * only if neither did for the current generation.
 *
 * <p>Concurrency: {@link #verify} runs on request, monitor or handoff threads, possibly at
 * once; the verified generation is volatile, and a later look simply replaces an earlier one.
 */
final class VerifiedMembership {

    private static final int NONE = Integer.MIN_VALUE;

    private final TopicConfig topic;
    private final MigrationServices services;
    private final WaitingConsumer consumer;
    private volatile int verifiedGeneration = NONE;

    VerifiedMembership(TopicConfig topic, MigrationServices services, WaitingConsumer consumer) {
        this.topic = topic;
        this.services = services;
        this.consumer = consumer;
    }

    /** Whether the group was seen without a foreign member in the generation the consumer holds now. */
    boolean holdsNow() {
        int generation = consumer.generation();
        return generation >= 0 && generation == verifiedGeneration;
    }

    /**
     * Looks at the group now.
     *
     * @throws HandoffRefusedException naming the foreign members, if there are any
     */
    void verify() {
        int before = consumer.generation();
        GroupMembers members = services.ckafka().members(topic.ckafkaGroup());
        try {
            CkafkaGroupCheck.refuseForeignMembers(topic, members, services.identity());
        } catch (HandoffRefusedException e) {
            verifiedGeneration = NONE;
            throw e;
        }
        // A rebalance during the look may have let someone in after it: then it holds for nothing.
        verifiedGeneration = consumer.generation() == before ? before : NONE;
    }

    /** Looks at the group unless a look already holds for the current generation. */
    void verifyUnlessHolding() {
        if (!holdsNow()) {
            verify();
        }
    }
}
