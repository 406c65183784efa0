package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.ProducerSwitch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The producer redirect: sets the exchange property {@code cluster} to where this record of
 * the topic (property {@code migrationTopic}) goes, and tells the switch when the send ended,
 * so a producer switch can wait for legacy sends under way. A record for legacy is tagged with
 * this instance's id (header {@link ConsumerIdentity#RECORD_TAG_HEADER}): one the broker
 * appends after the drain target was captured (a send that timed out) is then known as ours,
 * a late append, and not counted as a stray write.
 */
final class ProducerRouting implements Processor {

    static final String TOPIC_PROPERTY = "migrationTopic";

    private final ProducerSwitch producers;
    /** This instance's id; set at start, before the topics' phases are known and any send can choose a cluster. */
    private volatile String instanceTag;

    ProducerRouting(ProducerSwitch producers) {
        this.producers = producers;
    }

    void tagWith(ConsumerIdentity identity) {
        instanceTag = identity.instanceId();
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getProperty(TOPIC_PROPERTY, String.class);
        Cluster cluster = producers.enter(topic);
        exchange.setProperty(IngestResponse.CLUSTER_PROPERTY, cluster.id());
        if (cluster == Cluster.LEGACY && instanceTag != null) {
            exchange.getMessage().setHeader(ConsumerIdentity.RECORD_TAG_HEADER, instanceTag);
        } else {
            exchange.getMessage().removeHeader(ConsumerIdentity.RECORD_TAG_HEADER);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                producers.leave(topic, cluster);
            }
        });
    }
}
