package io.ckafkamigrator.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryGateTest {

    @Test
    void givenAGateRetiredAtTheHandoff_whenARecordArrives_thenItSaysTheTopicWasHandedOver() throws Exception {
        DeliveryGate gate = new DeliveryGate("orders-legacy-consumer", DeliveryGate.State.OPEN);
        gate.retire(Duration.ofSeconds(1));

        assertThatThrownBy(() -> gate.enter(Duration.ZERO)).isInstanceOf(DeliveryGate.NotDelivering.class)
                .hasMessage("orders-legacy-consumer no longer delivers: the topic was handed over");
    }

    @Test
    void givenAHeldGateShutDownWithTheApp_whenARecordArrives_thenItSaysTheAppStopsNotThatTheTopicMoved() {
        DeliveryGate gate = new DeliveryGate("orders-ckafka-consumer", DeliveryGate.State.HOLD);
        gate.shutDown();

        assertThatThrownBy(() -> gate.enter(Duration.ofSeconds(1))).isInstanceOf(DeliveryGate.NotDelivering.class)
                .hasMessage("orders-ckafka-consumer stops with the app; the record is delivered after the restart");
    }
}
