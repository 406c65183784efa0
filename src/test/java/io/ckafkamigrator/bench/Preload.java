package io.ckafkamigrator.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.ckafkamigrator.support.KafkaTestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes keyed 1 KiB records fast (batched, acknowledged by all replicas) before a consumer round. */
final class Preload {

    static final int RECORD_BYTES = 1024;

    private Preload() {
    }

    static byte[] value(Random random) {
        byte[] value = new byte[RECORD_BYTES];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + random.nextInt(26));
        }
        return value;
    }

    static void records(KafkaTestCluster cluster, String topic, int count) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Random random = new Random(count);
        byte[] value = value(random);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 64), value));
            }
            producer.flush();
        }
    }
}
