package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ProducerSwitch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The producer redirect: sets the exchange property {@code cluster} to where this record of
 * the topic (property {@code migrationTopic}) goes, and tells the switch when the send ended,
 * so a producer switch can wait for legacy sends under way.
 */
final class ProducerRouting implements Processor {

    static final String TOPIC_PROPERTY = "migrationTopic";

    private final ProducerSwitch producers;

    ProducerRouting(ProducerSwitch producers) {
        this.producers = producers;
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getProperty(TOPIC_PROPERTY, String.class);
        Cluster cluster = producers.enter(topic);
        exchange.setProperty(IngestResponse.CLUSTER_PROPERTY, cluster.id());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                producers.leave(topic, cluster);
            }
        });
    }
}
