package io.ckafkamigrator.core;

import java.util.Map;

/** This instance's CKafka consumer in the core's unit tests, and a member that is not ours. */
final class Consumers {

    static final ConsumerIdentity IDENTITY = new ConsumerIdentity("test1");
    static final GroupMembers.Member FOREIGN = new GroupMembers.Member("other-app-1", "/10.0.0.9");

    private Consumers() {
    }

    /** Reports what the consumer's listener would after its next poll: assigned every partition, at the start offsets. */
    static void waitAtStartOffsets(TopicMigration migration) {
        WaitingConsumer waiting = migration.waitingConsumer();
        waiting.assigned(migration.state().ckafkaStartOffsets().keySet(), 1);
        Map<Integer, Long> take = waiting.positionToTake();
        waiting.positioned(migration.state().ckafkaStartOffsets().keySet(), take);
    }
}
