package io.ckafkamigrator.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The preflight's verdicts on one topic, a pure function of what was read about it
 * ({@link TopicFacts}) and of the state directory: nothing is read from a cluster here, nothing
 * is changed anywhere (the state directory check writes and removes a probe file of its own).
 * The checks, in the order they are reported: {@link TopicPresenceChecks}, {@link TopicConfigChecks},
 * {@link RetentionHoldCheck}, {@link GroupChecks}, {@link AccessChecks}, {@link StateChecks}.
 * README "Preflight" lists each id with its rules.
 *
 * @param retentionMargin added to the legacy drain time to get how long CKafka must keep the backlog
 */
public record Preflight(Duration retentionMargin) {

    /** The state directory's check, the same for every topic: run once per preflight. */
    public static PreflightCheck stateDirectory(Path stateDir) {
        return StateChecks.directory(stateDir);
    }

    /** @param stateDirectory the run's {@link #stateDirectory} check, reported with each topic */
    public TopicPreflight check(TopicFacts facts, PreflightCheck stateDirectory) {
        List<PreflightCheck> checks = new ArrayList<>(TopicPresenceChecks.of(facts));
        checks.addAll(TopicConfigChecks.of(facts));
        checks.add(RetentionHoldCheck.of(facts, retentionMargin));
        checks.addAll(GroupChecks.of(facts));
        checks.addAll(AccessChecks.of(facts));
        checks.add(stateDirectory);
        checks.add(StateChecks.saved(facts));
        return new TopicPreflight(facts.topic().name(), checks);
    }
}
