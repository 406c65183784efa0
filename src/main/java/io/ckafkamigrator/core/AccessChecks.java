package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Preflight: whether the credentials may do what the migration does on each cluster, from the
 * operations the brokers say they authorise (Kafka 2.3 and later report them; older brokers, and
 * a describe the broker answered without them, leave it unknown: a warning, never a pass).
 * Kafka's implications apply: {@code READ}, {@code WRITE}, {@code DELETE} and {@code ALTER} imply
 * {@code DESCRIBE}, {@code ALTER_CONFIGS} implies {@code DESCRIBE_CONFIGS}, {@code ALL} implies all.
 */
final class AccessChecks {

    static final String LEGACY = "legacy-access";
    static final String CKAFKA = "ckafka-access";

    private AccessChecks() {
    }

    static List<PreflightCheck> of(TopicFacts facts) {
        return List.of(legacy(facts), check(CKAFKA, facts.ckafka(), Set.of("READ", "WRITE", "DESCRIBE", "DESCRIBE_CONFIGS")));
    }

    private static PreflightCheck legacy(TopicFacts facts) {
        if (!facts.legacyNeeded()) {
            return PreflightCheck.pass(LEGACY, "not needed: topic '" + facts.topic().name() + "' is MIGRATED");
        }
        // The producer writes to legacy until the switch only.
        Set<String> topicOps = facts.phase() == Phase.LEGACY ? Set.of("READ", "WRITE", "DESCRIBE", "DESCRIBE_CONFIGS")
                : Set.of("READ", "DESCRIBE", "DESCRIBE_CONFIGS");
        return check(LEGACY, facts.legacy(), topicOps);
    }

    private static PreflightCheck check(String id, ClusterTopicFacts side, Set<String> topicOps) {
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (side.exists()) {
            collect(side.topicOperations(), topicOps, "topic '" + side.topic() + "'", missing, unknown);
        }
        collect(side.groupOperations(), Set.of("READ", "DESCRIBE"), "group '" + side.group() + "'", missing, unknown);
        if (!missing.isEmpty()) {
            return PreflightCheck.fail(id, "the " + side.cluster() + " credentials may not " + String.join("; ", missing),
                    "grant those operations to the " + side.cluster() + " user (ACLs, or the CKafka console's user "
                            + "permissions)");
        }
        if (!unknown.isEmpty()) {
            return PreflightCheck.warn(id, "cannot tell what the " + side.cluster() + " credentials may do on "
                    + String.join(" and ", unknown), "make sure the " + side.cluster() + " user may read, write and "
                    + "describe the topic and read and describe the group");
        }
        return PreflightCheck.pass(id, "the " + side.cluster() + " credentials may " + String.join(", ", new java.util.TreeSet<>(topicOps))
                + " the topic and READ, DESCRIBE the group");
    }

    private static void collect(Known<Set<String>> granted, Set<String> needed, String resource, List<String> missing,
                                List<String> unknown) {
        if (!granted.known()) {
            unknown.add(resource + " (" + granted.whyUnknown() + ")");
            return;
        }
        Set<String> lacking = new LinkedHashSet<>();
        needed.stream().sorted().filter(op -> !allows(granted.value(), op)).forEach(lacking::add);
        if (!lacking.isEmpty()) {
            missing.add(String.join(", ", lacking) + " " + resource);
        }
    }

    static boolean allows(Set<String> granted, String operation) {
        if (granted.contains("ALL") || granted.contains(operation)) {
            return true;
        }
        return switch (operation) {
            case "DESCRIBE" -> granted.stream().anyMatch(Set.of("READ", "WRITE", "DELETE", "ALTER")::contains);
            case "DESCRIBE_CONFIGS" -> granted.contains("ALTER_CONFIGS");
            default -> false;
        };
    }
}
