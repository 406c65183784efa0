package io.ckafkamigrator.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.DeliveryGate;
import io.ckafkamigrator.core.RecordCounts;
import io.ckafkamigrator.core.TopicConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * A consumer route's one step before its sink. It passes the record through its topic's
 * {@link DeliveryGate}, never waiting: a record that meets a held or retired gate is refused (to
 * be retried, never committed). The legacy consumer's step removes the producer route's tag header
 * (it marks what the producer route sends to legacy), so the sink gets the record as it was sent.
 * Once the exchange is done it leaves the gate, and counts the record if the sink took it: a
 * consumer route's exchange fails when its sink failed (its error handler retries the sink in
 * place and never handles the failure), so an exchange done without an exception is a delivery.
 *
 * <p>One step, not one per job: the route's error handler copies the whole exchange before every
 * step, so that an in-place redelivery starts from the original, and each step also pays Camel's
 * own routing. Measured, that was most of the route's CPU per record (docs/benchmarks.md).
 *
 * <p>The topic is the route's: a consumer route's id is {@code <topic>-legacy-consumer} or
 * {@code <topic>-ckafka-consumer} (the route ids are API). A CKafka consumer waiting for its
 * handoff does not get this far: its listener keeps its partitions paused
 * ({@link WaitingConsumerListener}); this gate is the second line.
 *
 * <p>Concurrency: runs on the consumer threads of every topic at once; each route's topic is
 * kept in a concurrent map, the gates and the counts are thread-safe.
 */
final class GatedDelivery implements Processor {

    private final String routeSuffix;
    private final boolean removesTag;
    private final Function<String, DeliveryGate> gateOfTopic;
    private final RecordCounts delivered;
    private final Map<String, String> topicOfRoute = new ConcurrentHashMap<>();

    private GatedDelivery(String routeSuffix, boolean removesTag, Function<String, DeliveryGate> gateOfTopic,
                          RecordCounts delivered) {
        this.routeSuffix = routeSuffix;
        this.removesTag = removesTag;
        this.gateOfTopic = gateOfTopic;
        this.delivered = delivered;
    }

    /**
     * @param gateOfTopic the topic's gate, null while the control is not ready or for a topic it does not know
     * @param delivered   counts per topic and consumer route
     */
    static GatedDelivery ofLegacyConsumer(Function<String, DeliveryGate> gateOfTopic, RecordCounts delivered) {
        return new GatedDelivery(TopicConfig.LEGACY_CONSUMER_SUFFIX, true, gateOfTopic, delivered);
    }

    /** @see #ofLegacyConsumer */
    static GatedDelivery ofCkafkaConsumer(Function<String, DeliveryGate> gateOfTopic, RecordCounts delivered) {
        return new GatedDelivery(TopicConfig.CKAFKA_CONSUMER_SUFFIX, false, gateOfTopic, delivered);
    }

    @Override
    public void process(Exchange exchange) {
        String route = exchange.getFromRouteId();
        if (route == null) {
            throw new DeliveryGate.NotDelivering("a consumer route's delivery step runs in a route, not outside one");
        }
        String topic = topicOfRoute.computeIfAbsent(route, this::topicOf);
        // Looked up per record, not kept: the gate is the control's, set when it loads the topic.
        DeliveryGate gate = gateOfTopic.apply(topic);
        if (gate == null) {
            throw new DeliveryGate.NotDelivering("the migration control of topic '" + topic + "' is not ready yet");
        }
        gate.enter();
        if (removesTag) {
            exchange.getMessage().removeHeader(ConsumerIdentity.RECORD_TAG_HEADER);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    if (!done.isFailed()) {
                        delivered.increment(topic, route);
                    }
                } finally {
                    gate.leave();
                }
            }
        });
    }

    private String topicOf(String route) {
        return TopicConfig.nameOfRoute(route, routeSuffix).orElseThrow(() ->
                new DeliveryGate.NotDelivering("route '" + route + "' is no topic's *" + routeSuffix + " route"));
    }
}
