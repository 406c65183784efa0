package io.ckafkamigrator.core;

/**
 * The per-topic routes the control calls at the right moment of a migration, found by route id
 * {@code <topic>-<suffix>}; each is optional. A hook automates a step the operator would take
 * by hand (scale a deployment, call a webhook, post to a chat); it never replaces a check: the
 * handoff still waits for the legacy group to be empty, whatever the stop hook answered.
 */
public enum Hook {
    /** The legacy group has consumed up to the drain target: stop the old consumer services. */
    STOP_LEGACY_CONSUMERS("stop-legacy-consumers"),
    /**
     * The new consumer services may start on CKafka with {@code ckafkaGroup}: after MIGRATED was
     * saved (ordered), or once the switch committed the start offsets (unordered).
     */
    START_CKAFKA_CONSUMERS("start-ckafka-consumers"),
    /** Every phase the topic enters. */
    ON_PHASE("on-phase");

    private final String suffix;

    Hook(String suffix) {
        this.suffix = suffix;
    }

    /** What follows the topic's name in the hook's route id. */
    public String suffix() {
        return suffix;
    }

    public String routeId(String topic) {
        return topic + "-" + suffix;
    }

    /**
     * Whether a call still owed has no point any more in {@code phase}: the stop of the old
     * services once the topic is MIGRATED (they are gone; the handoff saw their group empty).
     */
    public boolean obsoleteIn(Phase phase) {
        return this == STOP_LEGACY_CONSUMERS && phase == Phase.MIGRATED;
    }

    /**
     * What the saved state records once a call made in {@code phase} succeeded: the hook, and for
     * {@link #ON_PHASE} the phase it told (each phase is told once).
     */
    public String doneKey(Phase phase) {
        return this == ON_PHASE ? suffix + ":" + phase.name() : suffix;
    }
}
