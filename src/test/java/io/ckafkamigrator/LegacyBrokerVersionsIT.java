package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ckafkamigrator.support.BridgeKeyedLoad;
import io.ckafkamigrator.support.BrokerVersion;
import io.ckafkamigrator.support.ClusterAdaptations;
import io.ckafkamigrator.support.DeliveryTally;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.LegacyBroker;
import io.ckafkamigrator.support.LegacyMatrix;
import io.ckafkamigrator.support.OldBrokerClients;
import io.ckafkamigrator.support.OrdersApp;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TwoClusters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.LEGACY_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ordered migration of {@code orders} from a real legacy broker of each version of
 * {@code compat.legacy-versions} to CKafka, with the real main class, the shipped routes and the
 * shipped settings: nothing tells the app which version it talks to. Each run is a row of the
 * legacy-broker matrix of docs/compatibility.md.
 */
@Tag("legacy-versions")
class LegacyBrokerVersionsIT {

    private static final int BACKLOG = 3_000;
    private static final int KEYS = 8;

    @RegisterExtension
    static final LegacyMatrix MATRIX = new LegacyMatrix();

    static Stream<String> versions() {
        return BrokerVersion.list(System.getProperty("compat.legacy-versions", "0.10.2.2,2.8.2")).stream()
                .map(BrokerVersion::version);
    }

    @ParameterizedTest(name = "legacy Kafka {0}")
    @MethodSource("versions")
    void shouldMigrateABacklogAndLiveLoadFromThisLegacyBrokerWithNothingLostDuplicatedOrReordered(String version)
            throws Exception {
        BrokerVersion broker = new BrokerVersion(version);
        MATRIX.version(broker);
        KafkaTestCluster ckafka = TwoClusters.shared().ckafka();
        try (LegacyBroker legacy = MATRIX.started(LegacyBroker.start(broker))) {
            // Given
            // A backlog the old consumers have not read yet (their group committed at the log
            // start), then keyed, sequence-numbered records POSTed without pause.
            List<String> backlog = backlog(legacy.cluster());
            OldBrokerClients.commit(legacy.cluster(), LEGACY_GROUP, TOPIC,
                    OldBrokerClients.offsets(legacy.cluster(), TOPIC, false));
            try (OrdersApp orders = OrdersApp.startOnPrepared(legacy.cluster(), ckafka)) {
                RunningMigrator app = orders.app();
                HttpSink sink = orders.sink();
                // A bridge record with headers: stored where the legacy topic can carry them, else
                // refused as a whole before anything is sent (a pre-0.11 broker fails such a send mid-batch).
                HttpResponse<String> withHeaders = app.post("/topics/" + TOPIC, "application/vnd.kafka.text.v2+json",
                        "{\"records\":[{\"key\":\"headers-0\",\"value\":\"headers-0:0\","
                                + "\"headers\":[{\"key\":\"trace\",\"value\":\"eA==\"}]}]}");
                assertThat(withHeaders.statusCode()).as("%s: %s", legacy, withHeaders.body())
                        .isEqualTo(broker.carriesHeaders() ? 200 : 422);
                List<String> headed = broker.carriesHeaders() ? List.of("headers-0:0") : List.of();
                KeyedLoad load = new KeyedLoad(app, KEYS);
                // and an HTTP producer of the Kafka Bridge beside it, a record per key in each request
                BridgeKeyedLoad bridge = new BridgeKeyedLoad(app, TOPIC, KEYS);
                int switchAfter = ThreadLocalRandom.current().nextInt(100, 400);
                await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= switchAfter);

                // When
                // Switch at a random point, then request the cutover and wait for it; the load goes on.
                HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");
                HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
                int afterCutover = load.acknowledgedCount();
                await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= afterCutover + 200);
                load.close();
                bridge.close();

                // Then
                List<String> sent = new ArrayList<>(backlog);
                sent.addAll(load.acknowledged());
                sent.addAll(bridge.acknowledged());
                sent.addAll(headed);
                await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= sent.size());
                DeliveryTally tally = DeliveryTally.of(sent, sink.accepted().stream().map(HttpSink.Delivery::value).toList());
                String release = ClusterAdaptations.release(app, "legacy");
                MATRIX.measured(tally, release, ClusterAdaptations.of(app, "legacy"));
                assertThat(switched.statusCode()).as("%s: %s", legacy, switched.body()).isEqualTo(200);
                assertThat(cutover.statusCode()).as("%s: %s", legacy, cutover.body()).isEqualTo(200);
                assertThat(field(cutover.body(), "phase")).as("%s", legacy).isEqualTo("MIGRATED");
                assertThat(load.failures()).as("%s", legacy).isEmpty();
                assertThat(bridge.failures()).as("%s: bridge requests", legacy).isEmpty();
                assertThat(bridge.acknowledgedCount()).as("%s: bridge records", legacy).isGreaterThan(0);
                assertThat(release).as("%s: the release named from its API versions", legacy)
                        .isEqualTo(broker.expectedRelease());
                assertThat(tally).as("%s: lost / duplicated / reordered", legacy)
                        .isEqualTo(new DeliveryTally(sent.size(), 0, 0, 0));
            }
        }
    }

    /** Writes {@link #BACKLOG} keyed records {@code seed-<k>:<seq>} to legacy, as its producers had. */
    private static List<String> backlog(KafkaTestCluster legacy) {
        legacy.recreateTopic(TOPIC, 3, LEGACY_GROUP);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            String key = "seed-" + i % KEYS;
            records.add(new ProducerRecord<>(TOPIC, key, key + ":" + i / KEYS));
        }
        OldBrokerClients.produce(legacy, records);
        return records.stream().map(ProducerRecord::value).toList();
    }
}
