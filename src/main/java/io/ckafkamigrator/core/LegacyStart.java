package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the legacy consumer starts, checked before its route starts: each partition that holds
 * records must have an offset committed by the legacy group, which is meant to be the old
 * consumer's. A partition without one is refused ({@link LegacyStartFrom#COMMITTED}, the
 * default) or given one at its log start or end, committed through the admin client and
 * audited, so the route's {@code autoOffsetReset} never decides it.
 *
 * <p>A group with offsets for some partitions but not others is refused the same way, naming
 * the partitions: each partition without an offset would be delivered again from its log start,
 * and a replay of one partition is still a replay. A partition that holds no record (empty, or
 * only transaction markers) needs no offset: nothing in it can be delivered twice.
 */
final class LegacyStart {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private LegacyStart() {
    }

    /**
     * @throws StartRefusedException with {@code committed}, when a partition that holds records has no
     *                               committed offset; naming the topic file, the group and the choices
     */
    static void ensure(TopicConfig topic, ClusterOffsets legacy, AuditTrail audit, Instant now) {
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), topic.legacyTopic());
        Map<Integer, Long> committed = offsets.committed();
        Map<Integer, Long> logStart = offsets.logStart();
        Map<Integer, Long> end = offsets.end();
        Map<Integer, Long> missing = new TreeMap<>();
        end.forEach((partition, endOffset) -> {
            long start = logStart.getOrDefault(partition, 0L);
            if (!committed.containsKey(partition) && start < endOffset
                    && legacy.hasRecords(topic.legacyTopic(), partition, start, endOffset)) {
                missing.put(partition, topic.legacyStartFrom() == LegacyStartFrom.LATEST ? endOffset : start);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        if (topic.legacyStartFrom() == LegacyStartFrom.COMMITTED) {
            throw new StartRefusedException(topic.file(), "legacy group '" + topic.legacyGroup() + "' has no committed "
                    + "offset for partition(s) " + missing.keySet() + " of legacy topic '" + topic.legacyTopic()
                    + "', which hold records: starting would deliver them all to the sink again. Set legacyGroup to "
                    + "the old consumer's group id, or set legacyStartFrom (" + LegacyStartFrom.choices() + "): earliest "
                    + "delivers what those partitions retain, latest skips it");
        }
        try {
            legacy.commitOffsets(topic.legacyGroup(), topic.legacyTopic(), missing);
        } catch (RuntimeException e) {
            // An admin client commits only for a group without active members.
            throw new StartRefusedException(topic.file(), "cannot commit the legacyStartFrom=" + topic.legacyStartFrom()
                    .value() + " offsets " + missing + " for legacy group '" + topic.legacyGroup() + "' (is the old "
                    + "consumer still running? stop it first): " + e.getMessage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("legacyStartFrom", topic.legacyStartFrom().value());
        details.put("legacyGroup", topic.legacyGroup());
        details.put("committed", new TreeMap<>(missing));
        audit.record(new AuditEvent(now, topic.name(), "legacy-start-offsets", details));
        LOG.warn("Legacy group had no offsets: topic={} legacyGroup={} legacyStartFrom={} committed={}", topic.name(),
                topic.legacyGroup(), topic.legacyStartFrom().value(), missing);
    }
}
