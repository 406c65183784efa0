package io.ckafkamigrator.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where an operator's consumer services ({@link ConsumerService}) deliver: every record in the
 * order each service took it, with the name of the service. Its checks wait for the deliveries
 * to catch up with what the producers had acknowledged.
 */
public final class CheckedSink {

    /** One record a consumer service delivered. */
    public record Delivery(String consumer, String value) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    void deliver(String consumer, String value) {
        deliveries.add(new Delivery(consumer, value));
    }

    public int size() {
        return deliveries.size();
    }

    /** Every value delivered, in the order delivered. */
    public List<String> values() {
        return deliveries.stream().map(Delivery::value).toList();
    }

    /** The values the service called {@code consumer} delivered, in the order it delivered them. */
    public List<String> valuesOf(String consumer) {
        return deliveries.stream().filter(d -> d.consumer().equals(consumer)).map(Delivery::value).toList();
    }

    /** Waits (at most 60 s) for as many deliveries as {@code sent}, then asserts each exactly once. */
    public void assertEveryRecordOnce(List<String> sent) {
        await().atMost(60, TimeUnit.SECONDS).until(() -> size() >= sent.size());
        assertThat(values()).hasSameSizeAs(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
    }

    /** As {@link #assertEveryRecordOnce}, and each key's records in the order they were sent. */
    public void assertEveryRecordOnceInKeyOrder(List<String> sent) {
        assertEveryRecordOnce(sent);
        assertThat(KeyedLoad.byKey(values())).isEqualTo(KeyedLoad.byKey(sent));
    }
}
