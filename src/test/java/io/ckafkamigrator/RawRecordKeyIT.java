package io.ckafkamigrator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }
}
