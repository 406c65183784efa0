package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.Map;

import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.DeliveryGate;
import io.ckafkamigrator.core.RecordCounts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A consumer route's one step before the sink: the gate, the tag header, the count of what the sink took. */
class GatedDeliveryTest {

    private static final String LEGACY_ROUTE = "orders-legacy-consumer";
    private static final String CKAFKA_ROUTE = "orders-ckafka-consumer";

    private final CamelContext context = new DefaultCamelContext();
    private final RecordCounts delivered = new RecordCounts();
    private final DeliveryGate gate = new DeliveryGate(LEGACY_ROUTE, DeliveryGate.State.OPEN);
    private final GatedDelivery legacy = GatedDelivery.ofLegacyConsumer(Map.of("orders", gate)::get, delivered);
    private final GatedDelivery ckafka = GatedDelivery.ofCkafkaConsumer(Map.of("orders", gate)::get, delivered);

    @Test
    void shouldCountTheRecordAndLeaveTheGateOnceTheSinkTookIt() throws InterruptedException {
        // Given
        Exchange exchange = recordOf(LEGACY_ROUTE);

        // When
        legacy.process(exchange);
        done(exchange);

        // Then
        assertThat(delivered.get("orders", LEGACY_ROUTE)).isEqualTo(1);
        assertThat(gate.retire(Duration.ZERO)).as("no delivery under way").isTrue();
    }

    @Test
    void shouldLeaveTheGateWithoutCountingWhenTheSinkFailed() throws InterruptedException {
        // Given
        Exchange exchange = recordOf(LEGACY_ROUTE);

        // When
        legacy.process(exchange);
        exchange.setException(new IllegalStateException("the sink refused the record"));
        done(exchange);

        // Then
        assertThat(delivered.get("orders", LEGACY_ROUTE)).isZero();
        assertThat(gate.retire(Duration.ZERO)).as("no delivery under way").isTrue();
    }

    @Test
    void shouldKeepTheDeliveryUnderWayUntilTheExchangeIsDone() throws InterruptedException {
        // Given
        Exchange exchange = recordOf(LEGACY_ROUTE);

        // When
        legacy.process(exchange);

        // Then
        assertThat(gate.retire(Duration.ZERO)).as("a retire waits for the delivery under way").isFalse();
        assertThat(delivered.get("orders", LEGACY_ROUTE)).isZero();
    }

    @Test
    void shouldRefuseARecordAtAHeldGate() {
        // Given
        gate.hold();
        Exchange exchange = recordOf(LEGACY_ROUTE);

        // When / Then
        assertThatThrownBy(() -> legacy.process(exchange)).isInstanceOf(DeliveryGate.NotDelivering.class);
        assertThat(delivered.get("orders", LEGACY_ROUTE)).isZero();
    }

    @Test
    void shouldRemoveTheTagHeaderOnTheLegacyConsumerOnly() throws InterruptedException {
        // Given
        Exchange fromLegacy = recordOf(LEGACY_ROUTE);
        Exchange fromCkafka = recordOf(CKAFKA_ROUTE);

        // When
        legacy.process(fromLegacy);
        ckafka.process(fromCkafka);

        // Then
        assertThat(fromLegacy.getMessage().getHeader(ConsumerIdentity.RECORD_TAG_HEADER)).isNull();
        assertThat(fromCkafka.getMessage().getHeader(ConsumerIdentity.RECORD_TAG_HEADER)).isEqualTo("tag");
    }

    @Test
    void shouldRefuseARouteThatIsNoTopicsConsumerRoute() {
        // Given
        Exchange exchange = recordOf("orders-producer");

        // When / Then
        assertThatThrownBy(() -> legacy.process(exchange)).isInstanceOf(DeliveryGate.NotDelivering.class)
                .hasMessageContaining("orders-producer");
    }

    private Exchange recordOf(String route) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setFromRouteId(route);
        exchange.getMessage().setBody(new byte[] {1});
        exchange.getMessage().setHeader(ConsumerIdentity.RECORD_TAG_HEADER, "tag");
        return exchange;
    }

    /** What Camel does at the end of the exchange's unit of work. */
    private static void done(Exchange exchange) {
        UnitOfWorkHelper.doneSynchronizations(exchange, exchange.getExchangeExtension().handoverCompletions());
    }
}
