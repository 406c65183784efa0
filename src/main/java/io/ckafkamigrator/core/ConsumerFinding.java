package io.ckafkamigrator.core;

import java.time.Instant;

/**
 * Something the watch of an ordered topic's external consumers found that breaks, or may have
 * broken, the order: reported in the status, a metric and the audit trail, never silenced.
 *
 * @param kind    what was found
 * @param detail  the members or offsets that show it
 * @param at      when it was first seen
 */
public record ConsumerFinding(Kind kind, String detail, Instant at) {

    public enum Kind {
        /** A member in the CKafka group before MIGRATED: a new consumer started early. */
        CKAFKA_CONSUMER_EARLY("ckafka_consumer_early"),
        /** More than one member in the CKafka group after MIGRATED: the order holds only with one. */
        CKAFKA_CONSUMERS_EXTRA("ckafka_consumers_extra"),
        /** At the handoff, the CKafka group's offsets were not the captured start offsets: it consumed early. */
        CKAFKA_GROUP_MOVED("ckafka_group_moved");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
