package io.ckafkamigrator.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class DeliveryGateTest {

    @Test
    void shouldRefuseARecordAfterTheHandoffSayingTheTopicWasHandedOver() throws Exception {
        // Given
        DeliveryGate gate = new DeliveryGate("orders-legacy-consumer", DeliveryGate.State.OPEN);
        gate.retire(Duration.ofSeconds(1));

        // When
        Throwable thrown = catchThrowable(() -> gate.enter());

        // Then
        assertThat(thrown).isInstanceOf(DeliveryGate.NotDelivering.class)
                .hasMessage("orders-legacy-consumer no longer delivers: the topic was handed over");
    }

    @Test
    void shouldRefuseARecordOfAHeldGateAtOnceInsteadOfWaiting() {
        // Given
        DeliveryGate gate = new DeliveryGate("orders-ckafka-consumer", DeliveryGate.State.HOLD);

        // When
        Throwable thrown = catchThrowable(gate::enter);

        // Then
        assertThat(thrown).isInstanceOf(DeliveryGate.NotDelivering.class)
                .hasMessage("orders-ckafka-consumer is held until the handoff");
    }

    @Test
    void shouldRefuseARecordOfAHeldGateShutDownWithTheAppSayingTheAppStops() {
        // Given
        DeliveryGate gate = new DeliveryGate("orders-ckafka-consumer", DeliveryGate.State.HOLD);
        gate.shutDown();

        // When
        Throwable thrown = catchThrowable(() -> gate.enter());

        // Then
        assertThat(thrown).isInstanceOf(DeliveryGate.NotDelivering.class)
                .hasMessage("orders-ckafka-consumer stops with the app; the record is delivered after the restart");
    }

    @Test
    void shouldNeverLeaveRetiredThroughOpenOrHold() throws Exception {
        // Given
        DeliveryGate gate = new DeliveryGate("orders-legacy-consumer", DeliveryGate.State.OPEN);
        gate.retire(Duration.ofSeconds(1));

        // When
        gate.open();
        gate.hold();

        // Then
        assertThat(gate.state()).isEqualTo(DeliveryGate.State.RETIRED);
    }

    @Test
    void shouldOpenAgainWhenAHandoffThatRetiredItIsUndone() throws Exception {
        // Given
        DeliveryGate gate = new DeliveryGate("orders-legacy-consumer", DeliveryGate.State.OPEN);
        gate.retire(Duration.ofSeconds(1));

        // When
        gate.reopen();

        // Then
        assertThat(gate.state()).isEqualTo(DeliveryGate.State.OPEN);
    }
}
