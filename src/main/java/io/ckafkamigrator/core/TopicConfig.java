package io.ckafkamigrator.core;

import java.util.Optional;

/**
 * One migrated topic as its routes/topics/<name>.yaml file describes it.
 *
 * @param autoCutover     hand over as soon as the legacy group drained, without a cutover request
 * @param legacyStartFrom what the legacy consumer does on a partition its group has no offset for
 * @param producers       who writes the topic's records: the producer route, or the operator's services
 * @param consumers       who consumes them: the two consumer routes, or the operator's services
 *                        (the legacy one in {@code legacyGroup}, the new one in {@code ckafkaGroup})
 */
public record TopicConfig(String name, String legacyTopic, String ckafkaTopic, String legacyGroup,
                          String ckafkaGroup, Ordering ordering, boolean autoCutover,
                          LegacyStartFrom legacyStartFrom, Side producers, Side consumers) {

    /** What follows the topic's name in its producer route's id. */
    public static final String PRODUCER_SUFFIX = "-producer";
    /** What follows the topic's name in its legacy consumer's route id. */
    public static final String LEGACY_CONSUMER_SUFFIX = "-legacy-consumer";
    /** What follows the topic's name in its CKafka consumer's route id. */
    public static final String CKAFKA_CONSUMER_SUFFIX = "-ckafka-consumer";

    /** A topic with the default {@link LegacyStartFrom#COMMITTED}. */
    public TopicConfig(String name, String legacyTopic, String ckafkaTopic, String legacyGroup,
                       String ckafkaGroup, Ordering ordering, boolean autoCutover) {
        this(name, legacyTopic, ckafkaTopic, legacyGroup, ckafkaGroup, ordering, autoCutover, LegacyStartFrom.COMMITTED);
    }

    /** A topic whose producers and consumers are both hosted. */
    public TopicConfig(String name, String legacyTopic, String ckafkaTopic, String legacyGroup,
                       String ckafkaGroup, Ordering ordering, boolean autoCutover, LegacyStartFrom legacyStartFrom) {
        this(name, legacyTopic, ckafkaTopic, legacyGroup, ckafkaGroup, ordering, autoCutover, legacyStartFrom,
                Side.HOSTED, Side.HOSTED);
    }

    /** This topic with its producers and consumers run by {@code producers} and {@code consumers}. */
    public TopicConfig withSides(Side producers, Side consumers) {
        return new TopicConfig(name, legacyTopic, ckafkaTopic, legacyGroup, ckafkaGroup, ordering, autoCutover,
                legacyStartFrom, producers, consumers);
    }

    public boolean externalProducers() {
        return producers == Side.EXTERNAL;
    }

    public boolean externalConsumers() {
        return consumers == Side.EXTERNAL;
    }

    /** The topic's name in a route id made of it and {@code suffix}; empty for another route. */
    public static Optional<String> nameOfRoute(String routeId, String suffix) {
        return routeId != null && routeId.endsWith(suffix)
                ? Optional.of(routeId.substring(0, routeId.length() - suffix.length())) : Optional.empty();
    }

    /** The topic file, as the operator names it in routes/. */
    public String file() {
        return "routes/topics/" + name + ".yaml";
    }

    public String producerRoute() {
        return name + PRODUCER_SUFFIX;
    }

    public String legacyConsumerRoute() {
        return name + LEGACY_CONSUMER_SUFFIX;
    }

    public String ckafkaConsumerRoute() {
        return name + CKAFKA_CONSUMER_SUFFIX;
    }
}
