package io.ckafkamigrator.core;

/**
 * One migrated topic as its routes/topics/<name>.yaml file describes it.
 *
 * @param autoCutover hand over as soon as the legacy group drained, without a cutover request
 */
public record TopicConfig(String name, String legacyTopic, String ckafkaTopic, String legacyGroup,
                          String ckafkaGroup, Ordering ordering, boolean autoCutover) {

    public String producerRoute() {
        return name + "-producer";
    }

    public String legacyConsumerRoute() {
        return name + "-legacy-consumer";
    }

    public String ckafkaConsumerRoute() {
        return name + "-ckafka-consumer";
    }
}
