package io.ckafkamigrator.camel;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.ProducerSwitch;
import io.ckafkamigrator.core.TopicConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The producer redirect: sets the exchange property {@code cluster} to where this record of
 * the route's topic goes (the route is {@code <topic>-producer}; the topic is left in property
 * {@code migrationTopic} for {@link ProducedRecords} after the send), and tells the switch when
 * the send ended, so a producer switch can wait for legacy sends under way. A record for legacy is tagged with
 * this run's {@link ConsumerIdentity#recordTag()} (header {@link ConsumerIdentity#RECORD_TAG_HEADER}):
 * one the broker appends after the drain target was captured (a send that timed out) is then
 * known as ours, a late append, and not counted as a stray write (every record of a
 * {@link RecordBatch}, which goes to one cluster as a whole). Only on the topics whose
 * legacy topic carries record headers: a header fails every send to a broker older than 0.11.
 */
final class ProducerRouting implements Processor {

    /** The tag and the migrated topics whose legacy records carry it. */
    private record Tagging(String tag, Set<String> topics) {
    }

    static final String TOPIC_PROPERTY = "migrationTopic";

    private final ProducerSwitch producers;
    /** Set at start, before the topics' phases are known and any send can choose a cluster. */
    private volatile Tagging tagging = new Tagging(null, Set.of());

    private final Map<String, String> topicOfRoute = new ConcurrentHashMap<>();

    ProducerRouting(ProducerSwitch producers) {
        this.producers = producers;
    }

    /** @param taggableTopics the migrated topics whose legacy topic carries record headers */
    void tagWith(ConsumerIdentity identity, Set<String> taggableTopics) {
        tagging = new Tagging(identity.recordTag(), Set.copyOf(taggableTopics));
    }

    @Override
    public void process(Exchange exchange) {
        // The route this step runs in, <topic>-producer, also when HTTP ingest calls it through direct:.
        String topic = topicOfRoute.computeIfAbsent(routeOf(exchange), ProducerRouting::topicOf);
        exchange.setProperty(TOPIC_PROPERTY, topic);
        Cluster cluster = producers.enter(topic);
        // At once, so that whatever fails from here on still ends the send for the switch.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                producers.leave(topic, cluster);
            }
        });
        exchange.setProperty(IngestResponse.CLUSTER_PROPERTY, cluster.id());
        Tagging tags = tagging;
        boolean carriesHeaders = cluster != Cluster.LEGACY || tags.topics().contains(topic);
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch != null && !carriesHeaders && batch.hasHeaders()) {
            // A legacy broker before 0.11 fails such a send synchronously, mid-batch.
            throw new HttpProblem(422, "invalid_records", "the records carry headers, which legacy topic of '" + topic
                    + "' cannot store (its message format is older than 0.11, or was not readable at start): "
                    + "send them without headers, or after switch-producer");
        }
        if (cluster == Cluster.LEGACY && tags.topics().contains(topic)) {
            if (batch != null) {
                batch.tagEach(ConsumerIdentity.RECORD_TAG_HEADER, tags.tag());
            } else {
                exchange.getMessage().setHeader(ConsumerIdentity.RECORD_TAG_HEADER, tags.tag());
            }
        } else {
            exchange.getMessage().removeHeader(ConsumerIdentity.RECORD_TAG_HEADER);
        }
        if (batch == null) {
            keyAsUtf8(exchange);
        }
    }

    /**
     * The producers write keys as bytes (a batch's keys are bytes already). Any other key of a
     * source is written as its text in UTF-8, as Kafka's String serializer writes it, and not
     * through Camel's conversion, which would take the charset of the request's Content-Type.
     */
    private static void keyAsUtf8(Exchange exchange) {
        Object key = exchange.getMessage().getHeader(KafkaConstants.KEY);
        if (key != null && !(key instanceof byte[])) {
            String text = key instanceof String string ? string
                    : exchange.getContext().getTypeConverter().convertTo(String.class, exchange, key);
            exchange.getMessage().setHeader(KafkaConstants.KEY, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String routeOf(Exchange exchange) {
        String route = ExchangeHelper.getAtRouteId(exchange);
        if (route == null) {
            throw new IllegalStateException("producerRouting runs in a topic's *" + TopicConfig.PRODUCER_SUFFIX
                    + " route, not outside a route");
        }
        return route;
    }

    private static String topicOf(String route) {
        return TopicConfig.nameOfRoute(route, TopicConfig.PRODUCER_SUFFIX).orElseThrow(() -> new IllegalStateException(
                "producerRouting runs in a topic's *" + TopicConfig.PRODUCER_SUFFIX + " route, not in '" + route + "'"));
    }
}
