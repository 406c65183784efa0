package io.ckafkamigrator.camel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Answers an ingest request once the producer route returned, which camel-kafka does only
 * after the broker acknowledged the record: the reply names the cluster, topic, partition and
 * offset where the record is stored; for a bridge request, where each record is stored or why
 * it is not ({@link RecordBatch#answer()}).
 */
final class IngestResponse implements Processor {

    /** Exchange property the producer route sets to the cluster it wrote to. */
    static final String CLUSTER_PROPERTY = "cluster";
    /** The answer header of a bridge request that names the cluster its records went to. */
    static final String CLUSTER_HEADER = "X-Ckafka-Migrator-Cluster";

    @Override
    public void process(Exchange exchange) {
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch != null) {
            answerBatch(exchange, batch);
            return;
        }
        Message message = exchange.getMessage();
        List<?> metadata = message.getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (metadata == null || metadata.isEmpty() || !(metadata.get(0) instanceof RecordMetadata stored)) {
            throw new IllegalStateException("the producer route returned without a broker acknowledgement");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("topic", exchange.getProperty(IngestRequest.TOPIC_PROPERTY, String.class));
        reply.put("cluster", exchange.getProperty(CLUSTER_PROPERTY, "unknown", String.class));
        reply.put("kafkaTopic", stored.topic());
        reply.put("partition", stored.partition());
        reply.put("offset", stored.offset());
        JsonAnswer.write(exchange, 200, reply);
    }

    /**
     * A bridge request: 200 with one entry per record, as the bridges answer, also when some
     * records failed (each says why). The cluster, which the bridges' answer has no place for,
     * is in the header {@value #CLUSTER_HEADER}.
     */
    private static void answerBatch(Exchange exchange, RecordBatch batch) {
        JsonAnswer.write(exchange, 200, batch.answer(), BridgeFormat.ANSWER_CONTENT_TYPE);
        exchange.getMessage().setHeader(CLUSTER_HEADER, exchange.getProperty(CLUSTER_PROPERTY, "unknown", String.class));
    }
}
