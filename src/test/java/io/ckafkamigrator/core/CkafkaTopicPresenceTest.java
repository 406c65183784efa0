package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CkafkaTopicPresenceTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders-ck", "g", "g-ck",
            Ordering.ORDERED, false);

    private final AtomicBoolean exists = new AtomicBoolean(false);
    private final AtomicInteger looks = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> found = new ArrayList<>();
    private final CkafkaTopicPresence presence = presence();

    private CkafkaTopicPresence presence() {
        CkafkaTopicPresence p = new CkafkaTopicPresence(Set.of("orders-ck"), topic -> {
            looks.incrementAndGet();
            return exists.get();
        }, Duration.ofNanos(100), now::get);
        p.onFound(found::add);
        return p;
    }

    @Test
    void shouldRefuseTheSwitchWhileTheTopicIsMissingNamingProvision() {
        // When / Then
        assertThatThrownBy(() -> presence.refuseSwitch(ORDERS))
                .isInstanceOf(CkafkaTopicMissingException.class)
                .hasMessageContaining("'orders-ck'", "POST /api/migrations/orders/provision", "stays LEGACY");
    }

    @Test
    void shouldAllowTheSwitchOnceTheTopicWasCreatedByHand() {
        // Given the topic created in the console, within the recheck interval
        exists.set(true);

        // When
        presence.refuseSwitch(ORDERS);

        // Then the switch looked at once, and the topic is present from now on
        assertThat(found).containsExactly("orders-ck");
        assertThat(presence.missing("orders-ck")).isFalse();
        assertThat(presence.problem(ORDERS)).isEmpty();
    }

    @Test
    void shouldLookAgainForReadinessAtMostOncePerInterval() {
        // Given
        assertThat(presence.problem(ORDERS)).get().asString().contains("does not exist");
        int before = looks.get();

        // When asked again within the interval, then after it
        boolean within = presence.missing("orders-ck");
        int looksWithin = looks.get();
        exists.set(true);
        now.addAndGet(100);
        boolean after = presence.missing("orders-ck");

        // Then
        assertThat(within).isTrue();
        assertThat(looksWithin).isEqualTo(before);
        assertThat(after).isFalse();
        assertThat(found).containsExactly("orders-ck");
    }

    @Test
    void shouldKeepTheTopicMissingForReadinessWhileTheClusterCannotTell() {
        // Given a cluster that does not answer
        CkafkaTopicPresence unreachable = new CkafkaTopicPresence(Set.of("orders-ck"), topic -> {
            throw new IllegalStateException("no answer within 15000 ms");
        }, Duration.ZERO, now::get);

        // When
        boolean missing = unreachable.missing("orders-ck");

        // Then the switch is refused with the cluster's failure, not as a missing topic
        assertThat(missing).isTrue();
        assertThatThrownBy(() -> unreachable.refuseSwitch(ORDERS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no answer");
    }

    @Test
    void shouldTellListenersOnceWhenProvisioningFoundTheTopic() {
        // When
        presence.found("orders-ck");
        presence.found("orders-ck");

        // Then
        assertThat(found).containsExactly("orders-ck");
        assertThat(presence.missing("orders-ck")).isFalse();
        assertThat(looks.get()).isZero();
    }
}
