package io.ckafkamigrator.camel;

import java.util.function.Function;

import io.ckafkamigrator.core.DeliveryGate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Passes a consumed record through its topic's {@link DeliveryGate} before the sink, never
 * waiting: a record that meets a held or retired gate is refused (to be retried, never
 * committed). A CKafka consumer waiting for its handoff does not get that far, its listener
 * keeps its partitions paused ({@link WaitingConsumerListener}); this is the second line.
 */
final class ConsumerGate implements Processor {

    private final Function<String, DeliveryGate> gates;

    ConsumerGate(Function<String, DeliveryGate> gates) {
        this.gates = gates;
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getProperty(ProducerRouting.TOPIC_PROPERTY, String.class);
        DeliveryGate gate = gates.apply(topic);
        if (gate == null) {
            throw new DeliveryGate.NotDelivering("the migration control of topic '" + topic + "' is not ready yet");
        }
        gate.enter();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                gate.leave();
            }
        });
    }
}
