package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Preflight: the state directory can be written, and each topic's saved state belongs to these
 * clusters and this route file. A state copied from another cluster pair (or kept across a
 * topic's re-creation) has a drain target or CKafka start offsets past the topics' end offsets,
 * which no state saved here can have; a changed shape is refused at the start ({@link TopicShape}).
 */
final class StateChecks {

    static final String DIRECTORY = "state-directory";
    static final String SAVED = "saved-state";
    /** The probe file of the preflight, apart from the health check's, so both can run at once. */
    static final String PROBE_FILE = ".preflight-probe";

    private StateChecks() {
    }

    /** Writes and removes a probe file when the directory exists; reads only, otherwise. */
    static PreflightCheck directory(Path dir) {
        Path absolute = dir.toAbsolutePath();
        if (!Files.exists(absolute)) {
            Path parent = absolute.getParent();
            return parent != null && Files.isDirectory(parent) && Files.isWritable(parent)
                    ? PreflightCheck.pass(DIRECTORY, "state directory " + absolute + " does not exist yet: the first "
                    + "start creates it")
                    : PreflightCheck.fail(DIRECTORY, "state directory " + absolute + " does not exist and cannot be "
                    + "created", "create it, writable by the app's user, or set migration.state-dir");
        }
        Optional<String> problem = new StateDirectoryCheck(absolute, PROBE_FILE).problem();
        return problem.map(p -> PreflightCheck.fail(DIRECTORY, p, "make migration.state-dir a writable directory "
                + "(a persistent volume) with free space")).orElseGet(() -> PreflightCheck.pass(DIRECTORY,
                "state directory " + absolute + " can be written"));
    }

    static PreflightCheck saved(TopicFacts facts) {
        TopicConfig topic = facts.topic();
        if (!facts.saved().known()) {
            return PreflightCheck.fail(SAVED, "cannot read the migration state of topic '" + topic.name() + "': "
                    + facts.saved().whyUnknown(), "fix or restore the state file; it is never reset on its own");
        }
        if (facts.saved().value().isEmpty()) {
            return PreflightCheck.pass(SAVED, "no saved state: topic '" + topic.name() + "' starts in LEGACY");
        }
        MigrationState state = facts.saved().value().get();
        if (state.phase() != Phase.LEGACY && state.shape().isPresent()) {
            try {
                state.shape().get().refuseChangeTo(topic, state.phase());
            } catch (StartRefusedException e) {
                return PreflightCheck.fail(SAVED, e.problem(), "set the parameter back in " + topic.file());
            }
        }
        Optional<String> foreign = state.phase() == Phase.MIGRATED ? Optional.empty()
                : pastEnd("drain target", state.drainTarget(), facts.legacy());
        if (foreign.isEmpty()) {
            foreign = pastEnd("CKafka start offsets", state.ckafkaStartOffsets(), facts.ckafka());
        }
        if (foreign.isPresent()) {
            return PreflightCheck.fail(SAVED, "the state says " + state.phase() + ", but its " + foreign.get()
                    + ": it was saved for another cluster pair (or before the topic was created again)",
                    "point migration.state-dir at this cluster pair's state, or restore the right state file");
        }
        return PreflightCheck.pass(SAVED, "topic '" + topic.name() + "' is " + state.phase() + "; its saved state "
                + "matches the route file and the clusters' offsets");
    }

    /** Which saved offsets lie past the cluster's end offsets; empty when none do, or the end offsets are unknown. */
    private static Optional<String> pastEnd(String what, Map<Integer, Long> saved, ClusterTopicFacts side) {
        if (saved.isEmpty() || !side.offsets().known()) {
            return Optional.empty();
        }
        Map<Integer, Long> end = side.offsets().value().end();
        Map<Integer, Long> past = new TreeMap<>();
        saved.forEach((partition, offset) -> {
            Long last = end.get(partition);
            if (last == null || offset > last) {
                past.put(partition, offset);
            }
        });
        return past.isEmpty() ? Optional.empty() : Optional.of(what + " " + past + " lie past the " + side.cluster()
                + " topic's end offsets " + new TreeMap<>(end));
    }
}
