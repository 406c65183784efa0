package io.ckafkamigrator.core;

import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What the watch over a topic's external consumer services saw, for the status and the metrics.
 *
 * @param legacyGroupMembers members of the legacy group at the last look; empty before the first and once MIGRATED
 * @param ckafkaGroupMembers members of the CKafka group at the last look (ordered topics)
 * @param findings           what broke, or may have broken, the order, oldest first
 * @param count              how many times each kind was found
 */
public record ExternalConsumersView(Optional<Integer> legacyGroupMembers, Optional<Integer> ckafkaGroupMembers,
                                    List<ConsumerFinding> findings, ToLongFunction<ConsumerFinding.Kind> count) {
}
