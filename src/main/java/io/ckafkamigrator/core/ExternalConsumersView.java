package io.ckafkamigrator.core;

import java.util.List;
import java.util.Optional;

/**
 * What the watch over a topic's external consumer services saw, for the status and the metrics.
 *
 * @param legacyGroupMembers members of the legacy group at the last look; empty before the first and once MIGRATED
 * @param ckafkaGroupMembers members of the CKafka group at the last look (ordered topics)
 * @param findings           what broke, or may have broken, the order, oldest first (one per episode)
 */
public record ExternalConsumersView(Optional<Integer> legacyGroupMembers, Optional<Integer> ckafkaGroupMembers,
                                    List<ConsumerFinding> findings) {

    public ExternalConsumersView {
        findings = List.copyOf(findings);
    }

    /** How many times {@code kind} was found. */
    public long count(ConsumerFinding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).count();
    }
}
