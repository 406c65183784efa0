package io.ckafkamigrator.camel;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Checks a {@code POST /topics/{topic}} request and turns it into a record for the topic's
 * producer route ({@code <topic>-producer}): the body is the value, the key comes from the
 * {@code key} query parameter or the {@code X-Record-Key} header. Nothing of the HTTP request
 * but the key reaches Kafka. Refusals are {@link HttpProblem}s; nothing is stored for them.
 */
final class IngestRequest implements Processor {

    static final String ENDPOINT_PROPERTY = "ingestEndpoint";
    static final String TOPIC_PROPERTY = "ingestTopic";

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    // Room for the record batch and record headers around key and value (v2 format: 61 + ~25 bytes).
    static final int RECORD_OVERHEAD_BYTES = 256;

    // Set once at start-up, before the ingest route starts; read by HTTP worker threads.
    private volatile Map<String, Integer> maxBatchBytes = Map.of();

    /** Per topic, the largest batch both of its clusters accept (see TopicLimits). */
    void limits(Map<String, Integer> maxBatchBytesByTopic) {
        this.maxBatchBytes = Map.copyOf(maxBatchBytesByTopic);
    }

    /**
     * A topic's limit can only get smaller: a CKafka topic found after the start (provisioned)
     * brings its own limit, which may be below the legacy topic's.
     */
    synchronized void tighten(String topic, Integer maxBatchBytes) {
        if (maxBatchBytes == null) {
            return;
        }
        Map<String, Integer> next = new java.util.HashMap<>(this.maxBatchBytes);
        next.merge(topic, maxBatchBytes, Math::min);
        this.maxBatchBytes = Map.copyOf(next);
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String topic = in.getHeader("topic", String.class);
        Route producer = topic != null && TOPIC_NAME.matcher(topic).matches()
                ? exchange.getContext().getRoute(topic + "-producer") : null;
        if (producer == null) {
            throw new HttpProblem(404, "unknown_topic", "no topic '" + printable(topic)
                    + "' is configured; each topic is a file routes/topics/<topic>.yaml");
        }
        String source = producer.getEndpoint().getEndpointUri();
        if (!source.startsWith("direct:") && !source.startsWith("direct://")) {
            throw new HttpProblem(404, "not_http_ingest", "topic '" + topic + "' takes its records from "
                    + producer.getEndpoint().getEndpointBaseUri() + ", not from HTTP");
        }
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(java.util.Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
            // The HTTP layer would decode a form into fields and lose the raw value.
            throw new HttpProblem(415, "unsupported_media_type", "send the record value as the raw body with "
                    + "Content-Type text/plain, application/json or application/octet-stream, not " + contentType);
        }
        byte[] value = in.getBody(byte[].class);
        if (value == null || value.length == 0) {
            throw new HttpProblem(400, "empty_body", "the request body is the record value and must not be empty");
        }
        String key = in.getHeader("key", String.class);
        if (key == null) {
            key = in.getHeader("X-Record-Key", String.class);
        }
        refuseTooLarge(topic, value.length + (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length));
        in.removeHeaders("*");
        in.setBody(value);
        if (key != null && !key.isEmpty()) {
            in.setHeader(KafkaConstants.KEY, key);
        }
        exchange.setProperty(TOPIC_PROPERTY, topic);
        exchange.setProperty(ENDPOINT_PROPERTY, source);
    }

    private void refuseTooLarge(String topic, int recordBytes) {
        Integer batchLimit = maxBatchBytes.get(topic);
        if (batchLimit != null && recordBytes > batchLimit - RECORD_OVERHEAD_BYTES) {
            throw new HttpProblem(413, "too_large", "key and value are " + recordBytes + " bytes; topic '" + topic
                    + "' accepts at most " + (batchLimit - RECORD_OVERHEAD_BYTES) + " (the smaller max.message.bytes "
                    + "of its legacy and CKafka topics, less " + RECORD_OVERHEAD_BYTES + " bytes of record overhead)");
        }
    }

    private static String printable(String topic) {
        if (topic == null) {
            return "";
        }
        String shown = topic.length() > 80 ? topic.substring(0, 80) + "..." : topic;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
