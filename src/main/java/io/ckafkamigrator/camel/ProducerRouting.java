package io.ckafkamigrator.camel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.ProducerSwitch;
import io.ckafkamigrator.core.RecordCounts;
import io.ckafkamigrator.core.TopicConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The producer redirect: sets the exchange property {@code cluster} to where this record of
 * the route's topic goes (the route is {@code <topic>-producer}), and tells the switch when the
 * send ended, so a producer switch can wait for legacy sends under way. A record is counted per
 * cluster when its exchange ends without a failure: the send step returns only after the
 * broker's acknowledgement, and a send that fails fails the exchange. Counting here, not in a
 * step of its own, spares every record the cost of one more step. A record for legacy is tagged with
 * this run's {@link ConsumerIdentity#recordTag()} (header {@link ConsumerIdentity#RECORD_TAG_HEADER}):
 * one the broker appends after the drain target was captured (a send that timed out) is then
 * known as ours, a late append, and not counted as a stray write. Only on the topics whose
 * legacy topic carries record headers: a header fails every send to a broker older than 0.11.
 */
final class ProducerRouting implements Processor {

    /** The tag and the migrated topics whose legacy records carry it. */
    private record Tagging(String tag, Set<String> topics) {
    }

    private final ProducerSwitch producers;
    private final RecordCounts produced;
    /** Set at start, before the topics' phases are known and any send can choose a cluster. */
    private volatile Tagging tagging = new Tagging(null, Set.of());

    private final Map<String, String> topicOfRoute = new ConcurrentHashMap<>();

    /** @param produced counts per topic and the cluster that acknowledged the record */
    ProducerRouting(ProducerSwitch producers, RecordCounts produced) {
        this.producers = producers;
        this.produced = produced;
    }

    /** @param taggableTopics the migrated topics whose legacy topic carries record headers */
    void tagWith(ConsumerIdentity identity, Set<String> taggableTopics) {
        tagging = new Tagging(identity.recordTag(), Set.copyOf(taggableTopics));
    }

    @Override
    public void process(Exchange exchange) {
        // The route this step runs in, <topic>-producer, also when HTTP ingest calls it through direct:.
        String topic = topicOfRoute.computeIfAbsent(ExchangeHelper.getAtRouteId(exchange), ProducerRouting::topicOf);
        Cluster cluster = producers.enter(topic);
        exchange.setProperty(IngestResponse.CLUSTER_PROPERTY, cluster.id());
        Tagging tags = tagging;
        if (cluster == Cluster.LEGACY && tags.topics().contains(topic)) {
            exchange.getMessage().setHeader(ConsumerIdentity.RECORD_TAG_HEADER, tags.tag());
        } else {
            exchange.getMessage().removeHeader(ConsumerIdentity.RECORD_TAG_HEADER);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    if (!done.isFailed()) {
                        produced.increment(topic, cluster.id());
                    }
                } finally {
                    producers.leave(topic, cluster);
                }
            }
        });
    }

    private static String topicOf(String route) {
        if (route == null || !route.endsWith(TopicConfig.PRODUCER_SUFFIX)) {
            throw new IllegalStateException("producerRouting runs in a topic's *" + TopicConfig.PRODUCER_SUFFIX
                    + " route, not in '" + route + "'");
        }
        return route.substring(0, route.length() - TopicConfig.PRODUCER_SUFFIX.length());
    }
}
