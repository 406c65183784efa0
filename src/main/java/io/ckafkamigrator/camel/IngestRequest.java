package io.ckafkamigrator.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Checks a {@code POST /topics/{topic}} request and turns it into what the topic's producer
 * route ({@code <topic>-producer}) sends:
 * <ul>
 *   <li>a raw record: the body is the value, the key comes from the {@code key} query parameter
 *       or the {@code X-Record-Key} header;</li>
 *   <li>with a Kafka Bridge / REST Proxy v2 content type ({@link BridgeFormat}), the records of
 *       the body ({@link BridgeRecords}), sent together as one {@link RecordBatch}: the route
 *       chooses one cluster for all of them, and the switch waits for the request as it does for
 *       a single record.</li>
 * </ul>
 * Nothing of the HTTP request but the records reaches Kafka. Refusals are {@link HttpProblem}s;
 * nothing is stored for them.
 */
final class IngestRequest implements Processor {

    static final String ENDPOINT_PROPERTY = "ingestEndpoint";
    static final String TOPIC_PROPERTY = "ingestTopic";

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    // Room for the record batch and record headers around key and value (v2 format: 61 + ~25 bytes).
    static final int RECORD_OVERHEAD_BYTES = 256;

    /** The exchange property set (true) for a request with a bridge content type; absent for a raw record. */
    static final String BRIDGE_PROPERTY = "ingestBridge";

    // Set once at start-up, before the ingest route starts; read by HTTP worker threads.
    private volatile Map<String, Integer> maxBatchBytes = Map.of();
    private volatile Map<String, Integer> partitions = Map.of();
    private volatile int maxRecordsPerRequest = Integer.MAX_VALUE;

    /** Per topic, the largest batch both of its clusters accept (see TopicLimits). */
    void limits(Map<String, Integer> maxBatchBytesByTopic) {
        this.maxBatchBytes = Map.copyOf(maxBatchBytesByTopic);
    }

    /** Per topic, the partitions both of its clusters have (see TopicLimits): a bridge record's partition is checked against it. */
    void partitions(Map<String, Integer> partitionsByTopic) {
        this.partitions = Map.copyOf(partitionsByTopic);
    }

    /** The most records a bridge request may carry ({@code migration.ingest.max-records-per-request}). */
    void maxRecordsPerRequest(int maxRecords) {
        this.maxRecordsPerRequest = maxRecords;
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
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(java.util.Locale.ROOT);
        if (BridgeFormat.isBridge(contentType)) {
            // Every answer to a bridge client, refusals included, takes the bridges' shape.
            exchange.setProperty(BRIDGE_PROPERTY, true);
        }
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
        Optional<BridgeFormat> bridge = BridgeFormat.of(contentType);
        if (bridge.isPresent()) {
            exchange.setProperty(TOPIC_PROPERTY, topic);
            batch(exchange, topic, bridge.get());
            exchange.setProperty(ENDPOINT_PROPERTY, source);
            return;
        }
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
            // Written as its UTF-8 bytes by the producer route, as every source's key (ProducerRouting).
            in.setHeader(KafkaConstants.KEY, key);
        }
        exchange.setProperty(TOPIC_PROPERTY, topic);
        exchange.setProperty(ENDPOINT_PROPERTY, source);
    }

    private void batch(Exchange exchange, String topic, BridgeFormat format) {
        Message in = exchange.getMessage();
        if (in.getHeader("key") != null || in.getHeader("X-Record-Key") != null) {
            throw new HttpProblem(422, "invalid_records", "a bridge request carries each record's key in its body, "
                    + "not in ?key= or X-Record-Key");
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new HttpProblem(422, "invalid_records", "the body must be {\"records\":[...]}");
        }
        List<BridgeRecord> records = BridgeRecords.parse(body, format, maxRecordsPerRequest);
        Integer batchLimit = maxBatchBytes.get(topic);
        RecordBatch batch = RecordBatch.of(exchange.getContext(), records,
                batchLimit == null ? null : batchLimit - RECORD_OVERHEAD_BYTES, partitions.get(topic));
        in.removeHeaders("*");
        in.setBody(batch.sends());
        exchange.setProperty(RecordBatch.PROPERTY, batch);
    }

    private void refuseTooLarge(String topic, int recordBytes) {
        Integer batchLimit = maxBatchBytes.get(topic);
        if (batchLimit != null && recordBytes > batchLimit - RECORD_OVERHEAD_BYTES) {
            throw new HttpProblem(413, "too_large", "key and value are " + recordBytes + " bytes; topic '" + topic
                    + "' accepts at most " + (batchLimit - RECORD_OVERHEAD_BYTES) + " (the smaller max.message.bytes "
                    + "of its legacy and CKafka topics, less " + RECORD_OVERHEAD_BYTES + " bytes of record overhead)");
        }
    }

    /** Client input as it may be echoed in an answer: at most 80 characters, printable ASCII. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
