package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends the record {@link IngestRequest} made through the topic's producer route and answers
 * once that returned, which camel-kafka does only after the broker acknowledged the record: the
 * reply names the cluster, topic, partition and offset where the record is stored.
 * <p>
 * The record travels in an exchange of its own and a failure there is rethrown here: Camel
 * leaves a failure another route's error handler has seen to that route, so it would otherwise
 * never reach the ingest route's error mapping (routes/http-api.yaml).
 */
final class IngestResponse implements Processor {

    /** Exchange property the producer route sets to the cluster it wrote to. */
    static final String CLUSTER_PROPERTY = "cluster";

    // Created at the first request, from the context running the route; used by HTTP worker threads.
    private volatile ProducerTemplate template;

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Exchange stored = template(exchange.getContext()).send(
                exchange.getProperty(IngestRequest.ENDPOINT_PROPERTY, String.class), ExchangePattern.InOut,
                record -> record.getMessage().copyFrom(message));
        if (stored.getException() != null) {
            throw stored.getException();
        }
        List<?> metadata = stored.getMessage().getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (metadata == null || metadata.isEmpty() || !(metadata.get(0) instanceof RecordMetadata acknowledged)) {
            throw new IllegalStateException("the producer route returned without a broker acknowledgement");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("topic", exchange.getProperty(IngestRequest.TOPIC_PROPERTY, String.class));
        reply.put("cluster", stored.getProperty(CLUSTER_PROPERTY, "unknown", String.class));
        reply.put("kafkaTopic", acknowledged.topic());
        reply.put("partition", acknowledged.partition());
        reply.put("offset", acknowledged.offset());
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.object(reply));
    }

    private ProducerTemplate template(CamelContext context) {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }
}
