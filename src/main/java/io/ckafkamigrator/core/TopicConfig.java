package io.ckafkamigrator.core;

/**
 * One migrated topic as its routes/topics/<name>.yaml file describes it.
 *
 * @param autoCutover     hand over as soon as the legacy group drained, without a cutover request
 * @param legacyStartFrom what the legacy consumer does on a partition its group has no offset for
 */
public record TopicConfig(String name, String legacyTopic, String ckafkaTopic, String legacyGroup,
                          String ckafkaGroup, Ordering ordering, boolean autoCutover,
                          LegacyStartFrom legacyStartFrom) {

    /** A topic with the default {@link LegacyStartFrom#COMMITTED}. */
    public TopicConfig(String name, String legacyTopic, String ckafkaTopic, String legacyGroup,
                       String ckafkaGroup, Ordering ordering, boolean autoCutover) {
        this(name, legacyTopic, ckafkaTopic, legacyGroup, ckafkaGroup, ordering, autoCutover, LegacyStartFrom.COMMITTED);
    }

    /** The topic file, as the operator names it in routes/. */
    public String file() {
        return "routes/topics/" + name + ".yaml";
    }

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
