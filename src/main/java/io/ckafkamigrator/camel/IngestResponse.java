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
 * offset where the record is stored.
 */
final class IngestResponse implements Processor {

    /** Exchange property the producer route sets to the cluster it wrote to. */
    static final String CLUSTER_PROPERTY = "cluster";

    @Override
    public void process(Exchange exchange) {
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
}
