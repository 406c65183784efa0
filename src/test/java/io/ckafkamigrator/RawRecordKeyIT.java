package io.ckafkamigrator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key of a raw single-record ingest ({@code ?key=} or {@code X-Record-Key}) is stored as its
 * UTF-8 bytes, whatever charset the request's Content-Type names and whatever the JVM's default
 * charset is: the producer routes' key serializer takes bytes, and Camel would turn a text key
 * into bytes with the request's charset (or the JVM's default).
 */
@ExtendWith(MigratorExtension.class)
class RawRecordKeyIT {

    @Name("legacy") private KafkaTestCluster legacy;

    @Test
    void shouldStoreTheKeyAsUtf8WhenTheBodyNamesAnotherCharset(@OrdersMigrator RunningMigrator app) {
        // Given a key with letters outside ASCII
        String key = "schlüssel-ключ";

        // When a raw record is posted with it, its body declared as ISO-8859-1
        HttpResponse<String> answer = app.post("/topics/" + TOPIC + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                "text/plain; charset=ISO-8859-1", "value");

        // Then the stored key is the key's UTF-8 bytes, as the HTTP contract says
        assertThat(answer.statusCode()).isEqualTo(200);
        List<ConsumerRecord<byte[], byte[]>> stored = records(legacy);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).key()).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(KafkaTestCluster cluster) {
        return List.copyOf(TopicRecords.byOffset(cluster, TOPIC, 1).values());
    }
}
