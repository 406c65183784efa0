package io.ckafkamigrator.support;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exactness check of an ordered migration under {@link KeyedLoad}: once the sink has as many
 * deliveries as the load had acknowledged records, it holds each of them exactly once, and each
 * key's records in the order they were sent.
 */
public final class ExactDelivery {

    private ExactDelivery() {
    }

    /** Waits (at most 60 s) for the sink to catch up with the load, then asserts exactly once, in key order. */
    public static void assertEveryAcknowledgedRecordOnceInKeyOrder(HttpSink sink, KeyedLoad load) {
        List<String> sent = load.acknowledged();
        await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= sent.size());
        List<String> delivered = sink.accepted().stream().map(HttpSink.Delivery::value).toList();
        assertThat(delivered).hasSameSizeAs(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(KeyedLoad.byKey(delivered)).isEqualTo(KeyedLoad.byKey(sent));
    }
}
