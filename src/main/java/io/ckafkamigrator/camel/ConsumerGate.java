package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.function.Function;

import io.ckafkamigrator.core.DeliveryGate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Passes a consumed record through its topic's {@link DeliveryGate} before the sink: holds it
 * while the gate holds, refuses it (to be retried, never committed) once the gate is retired.
 */
final class ConsumerGate implements Processor {

    private final Function<String, DeliveryGate> gates;
    private final Duration maxWait;

    ConsumerGate(Function<String, DeliveryGate> gates, Duration maxWait) {
        this.gates = gates;
        this.maxWait = maxWait;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        String topic = exchange.getProperty(ProducerRouting.TOPIC_PROPERTY, String.class);
        DeliveryGate gate = gates.apply(topic);
        if (gate == null) {
            throw new DeliveryGate.NotDelivering("the migration control of topic '" + topic + "' is not ready yet");
        }
        gate.enter(maxWait);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                gate.leave();
            }
        });
    }
}
