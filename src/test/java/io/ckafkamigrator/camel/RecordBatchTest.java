package io.ckafkamigrator.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bridge request's records: refused before the send where the topic cannot take them, the
 * others sent one exchange each, and the answer made from each record's own outcome.
 */
class RecordBatchTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    private static BridgeRecord record(String value, Integer partition) {
        return new BridgeRecord(null, value.getBytes(), partition, Map.of());
    }

    private static void stored(Exchange send, int partition, long offset) {
        send.getMessage().setHeader(KafkaConstants.KAFKA_RECORD_META,
                List.of(new RecordMetadata(new TopicPartition("orders", partition), offset, 0, 0, 0, 0)));
    }

    private static void failed(Exchange send, Exception failure) {
        // What camel-kafka leaves on a record whose send failed: the exception, and metadata without an offset.
        send.setException(failure);
        send.getMessage().setHeader(KafkaConstants.KAFKA_RECORD_META,
                List.of(new RecordMetadata(new TopicPartition("orders", 0), -1, -1, -1, -1, -1)));
    }

    @Test
    void shouldSendOnlyTheRecordsTheTopicCanTakeAndAnswerTheOthersAtOnce() {
        // Given a topic of 3 partitions taking 10 bytes a record
        List<BridgeRecord> request = List.of(record("fits", null), record("far too large", null), record("p7", 7),
                record("p2", 2));

        // When
        RecordBatch batch = RecordBatch.of(context, request, 10, 3);

        // Then two are sent, the partition asked for kept, and the two others have their error entries
        List<Exchange> sent = handOutAll(batch);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getMessage().getHeader(KafkaConstants.PARTITION_KEY)).isEqualTo(2);
        sent.forEach(send -> stored(send, 0, 5));
        List<Map<String, Object>> offsets = offsets(batch);
        assertThat(offsets.get(1)).containsEntry("error_code", 413);
        assertThat(offsets.get(2)).containsEntry("error_code", 404);
        assertThat(offsets.get(0)).containsOnlyKeys("partition", "offset");
    }

    @Test
    void shouldAnswerEachRecordWithItsOwnOutcomeAndCountOnlyThoseStored() {
        // Given three records sent: one stored, one refused by the broker, one without acknowledgement in time
        RecordBatch batch = RecordBatch.of(context, List.of(record("a", null), record("b", null), record("c", null)), null, null);
        List<Exchange> sent = handOutAll(batch);
        stored(sent.get(0), 1, 41);
        failed(sent.get(1), new NotEnoughReplicasException("not enough in-sync replicas"));
        failed(sent.get(2), new TimeoutException("expired"));

        // When
        List<Map<String, Object>> offsets = offsets(batch);

        // Then
        assertThat(offsets.get(0)).isEqualTo(Map.of("partition", 1, "offset", 41L));
        assertThat(offsets.get(1)).containsEntry("error_code", 500);
        assertThat((String) offsets.get(1).get("message")).contains("not stored").contains("NotEnoughReplicasException");
        assertThat(offsets.get(2)).containsEntry("error_code", 503);
        assertThat((String) offsets.get(2).get("message")).contains("may or may not be stored");
        assertThat(batch.stored()).isEqualTo(1);
        assertThat(batch.complete()).isTrue();
    }

    @Test
    void shouldNotBeCompleteWhileARecordSentHasNoOutcome() {
        // Given a send that stopped after the first record (the second never got an outcome)
        RecordBatch batch = RecordBatch.of(context, List.of(record("a", null), record("b", null)), null, null);
        List<Exchange> sent = handOutAll(batch);
        stored(sent.get(0), 0, 1);

        // When / Then
        assertThat(batch.complete()).isFalse();
    }

    @Test
    void shouldTagEveryRecordSentAndCarryItsHeadersAndKey() {
        // Given
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("trace", new byte[] {1});
        RecordBatch batch = RecordBatch.of(context, List.of(new BridgeRecord(new byte[] {7}, new byte[] {8}, null, headers),
                record("b", null)), null, null);

        // When
        batch.tagEach("ckafka-migrator-instance", "run-1");

        // Then
        List<Exchange> sent = handOutAll(batch);
        assertThat(sent).allSatisfy(send ->
                assertThat(send.getMessage().getHeader("ckafka-migrator-instance")).isEqualTo("run-1"));
        assertThat(sent.get(0).getMessage().getHeader("trace")).isEqualTo(new byte[] {1});
        assertThat(sent.get(0).getMessage().getHeader(KafkaConstants.KEY)).isEqualTo(new byte[] {7});
        assertThat(sent.get(0).getMessage().getBody()).isEqualTo(new byte[] {8});
        assertThat(batch.hasHeaders()).isTrue();
    }

    @Test
    void shouldStopHandingOutRecordsAfterOneWhoseSendTimedOutAtOnce() {
        // Given a batch whose second record's send waited max.block.ms for metadata and failed at once
        RecordBatch batch = RecordBatch.of(context, List.of(record("a", null), record("b", null), record("c", null),
                record("d", null)), null, null);
        java.util.Iterator<Exchange> endpoint = batch.sends().iterator();
        stored(endpoint.next(), 0, 1);
        failed(endpoint.next(), new TimeoutException("Topic orders not present in metadata after 10000 ms."));

        // When the endpoint asks for the next record
        boolean more = endpoint.hasNext();

        // Then it gets none: the two left are answered as not sent, not each waiting as long
        assertThat(more).isFalse();
        List<Map<String, Object>> offsets = offsets(batch);
        assertThat(offsets.get(1)).containsEntry("error_code", 503);
        assertThat(offsets.get(2)).containsEntry("error_code", 500);
        assertThat((String) offsets.get(3).get("message")).contains("not sent").contains("not present in metadata");
        assertThat(batch.complete()).isTrue();
        assertThat(batch.stored()).isEqualTo(1);
    }

    @Test
    void shouldSettleAThrownSendWithTheRecordItThrewOnFailedAndTheEarlierOnesAwaited() throws Exception {
        // Given a send that threw on the third record, the first two still on their way
        RecordBatch batch = RecordBatch.of(context, List.of(record("a", null), record("b", null), record("c", null),
                record("d", null)), null, null);
        java.util.Iterator<Exchange> endpoint = batch.sends().iterator();
        Exchange first = endpoint.next();
        Exchange second = endpoint.next();
        endpoint.next();
        Thread producer = new Thread(() -> {
            stored(first, 0, 7);
            failed(second, new NotEnoughReplicasException("not enough in-sync replicas"));
        });

        // When it settles while the producer completes the two
        producer.start();
        boolean settled = batch.settleAfter(new IllegalStateException("Cannot perform operation after producer has been closed"),
                java.time.Duration.ofSeconds(10));
        producer.join();

        // Then each record has its own entry, the one after the throw not sent
        assertThat(settled).isTrue();
        List<Map<String, Object>> offsets = offsets(batch);
        assertThat(offsets.get(0)).isEqualTo(Map.of("partition", 0, "offset", 7L));
        assertThat(offsets.get(1)).containsEntry("error_code", 500);
        assertThat((String) offsets.get(2).get("message")).contains("producer has been closed");
        assertThat((String) offsets.get(3).get("message")).contains("not sent");
    }

    @Test
    void shouldNotSettleWhileARecordSentBeforeTheThrowHasNoOutcome() throws Exception {
        // Given a send that threw on the second record, the first never completed
        RecordBatch batch = RecordBatch.of(context, List.of(record("a", null), record("b", null)), null, null);
        handOutAll(batch);

        // When / Then
        assertThat(batch.settleAfter(new IllegalStateException("closed"), java.time.Duration.ofMillis(50))).isFalse();
    }

    /** What the Kafka endpoint does with the body: takes every record it is given. */
    private static List<Exchange> handOutAll(RecordBatch batch) {
        List<Exchange> sent = new java.util.ArrayList<>();
        batch.sends().forEach(sent::add);
        return sent;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> offsets(RecordBatch batch) {
        return (List<Map<String, Object>>) batch.answer().get("offsets");
    }
}
