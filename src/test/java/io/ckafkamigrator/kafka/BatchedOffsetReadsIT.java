package io.ckafkamigrator.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.GroupTopic;
import io.ckafkamigrator.core.Reading;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads of many topics against a real broker: each kind costs a number of calls that does
 * not grow with the topics, every answer is the topic's own, and a topic that is gone fails alone.
 */
@ExtendWith(MigratorExtension.class)
class BatchedOffsetReadsIT {

    private static final int TOPICS = 20;
    private static final long TIMEOUT_MS = 10_000;

    @Name("legacy") private KafkaTestCluster legacy;
    private KafkaClusterOffsets offsets;
    private final List<String> topics = new ArrayList<>();

    @BeforeEach
    void createTopics() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(legacy.clientProperties()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < TOPICS; i++) {
                String topic = "batched-" + i;
                topics.add(topic);
                legacy.recreateTopic(topic, 3);
                // topic i holds i records on partition 0, and its group committed all of them
                for (int r = 0; r < i; r++) {
                    producer.send(new ProducerRecord<>(topic, 0, "k", "v" + r)).get(30, TimeUnit.SECONDS);
                }
                legacy.commitAtEnd(topic + "-group", topic);
            }
        }
        offsets = new KafkaClusterOffsets(ClusterSettings.from("legacy", PropertySource.of(Map.of(
                "legacy.bootstrap-servers", legacy.bootstrapServers()))), true, TIMEOUT_MS);
    }

    @AfterEach
    void closeOffsets() {
        offsets.close();
    }

    @Test
    void shouldReadEveryTopicsGroupOffsetsInOneCallOfEachKind() {
        // Given twenty groups on twenty topics, and one topic that does not exist
        List<GroupTopic> wanted = new ArrayList<>();
        topics.forEach(t -> wanted.add(new GroupTopic(t + "-group", t)));
        wanted.add(new GroupTopic("gone-group", "gone"));
        Map<String, Long> before = offsets.batchedCalls();

        // When they are read together
        Map<GroupTopic, Reading<GroupOffsets>> read = offsets.groupOffsetsOf(wanted);

        // Then one call of each kind carried all of them, each answer is its topic's own,
        // and only the missing topic failed
        Map<String, Long> after = offsets.batchedCalls();
        after.forEach((kind, calls) -> assertThat(calls - before.get(kind)).as(kind).isEqualTo(1));
        for (int i = 0; i < TOPICS; i++) {
            GroupOffsets topic = read.get(wanted.get(i)).get();
            assertThat(topic.end()).as(topics.get(i)).containsEntry(0, (long) i).containsEntry(1, 0L).hasSize(3);
            assertThat(topic.committed()).as(topics.get(i)).containsEntry(0, (long) i);
        }
        assertThat(read.get(wanted.get(TOPICS)).failure()).isNotNull();
        assertThat(read.get(wanted.get(TOPICS)).failure().getMessage()).contains("legacy cluster");
    }

    @Test
    void shouldCoalesceTheReadsOfTopicsAskingAtTheSameTime() throws Exception {
        // Given twenty threads, one per topic, as the monitor's rounds run
        ExecutorService rounds = Executors.newFixedThreadPool(TOPICS);
        CountDownLatch tick = new CountDownLatch(1);
        Map<String, Long> before = offsets.batchedCalls();
        try {
            List<Future<GroupOffsets>> answers = new ArrayList<>();
            for (String topic : topics) {
                Callable<GroupOffsets> round = () -> {
                    tick.await();
                    return offsets.groupOffsets(topic + "-group", topic);
                };
                answers.add(rounds.submit(round));
            }

            // When they all read their group's offsets at the same tick
            tick.countDown();

            // Then each got its own topic's offsets, in a few calls of each kind, not one per topic
            for (int i = 0; i < TOPICS; i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS).committed()).containsEntry(0, (long) i);
            }
            Map<String, Long> after = offsets.batchedCalls();
            after.forEach((kind, calls) -> assertThat(calls - before.get(kind)).as(kind).isBetween(1L, 4L));
        } finally {
            rounds.shutdownNow();
        }
    }
}
