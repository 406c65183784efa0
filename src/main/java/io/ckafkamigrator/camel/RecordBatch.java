package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The records of one bridge request on their way through the topic's producer route, in the
 * exchange property {@link #PROPERTY}: the route's Kafka endpoint sends the body,
 * {@link #sends()}, one exchange per record, and leaves each record's outcome on its own
 * exchange (its {@link KafkaConstants#KAFKA_RECORD_META} or its exception). A record refused
 * before the send (too large, a partition the topic does not have) keeps its refusal here.
 *
 * <p>Lifecycle: made by {@link IngestRequest} on the request thread, sent by the route, read by
 * {@link ProducedRecords} and {@link IngestResponse} once the endpoint has completed every send
 * (camel-kafka continues the exchange only after the last acknowledgement or failure, which
 * orders those writes before these reads).
 */
final class RecordBatch {

    static final String PROPERTY = "recordBatch";

    /** A record not sent: the per-record error of the answer. */
    private record Refused(int code, String message) {
    }

    /** Per record of the request, in its order: an {@link Exchange} to send, or a {@link Refused} one. */
    private final List<Object> records;
    private final List<Exchange> sends;
    private final boolean headers;
    /**
     * How many of {@link #sends} the Kafka endpoint took, written by the thread that sends, read
     * once the send has ended (the route goes on after it, on a thread it hands the exchange to).
     */
    private volatile int handedOut;

    private RecordBatch(List<Object> records, List<Exchange> sends, boolean headers) {
        this.records = records;
        this.sends = sends;
        this.headers = headers;
    }

    /**
     * @param maxRecordBytes the largest key + value + headers the topic takes, null if unknown
     * @param partitions     the topic's partition count, null if unknown
     */
    static RecordBatch of(CamelContext context, List<BridgeRecord> request, Integer maxRecordBytes, Integer partitions) {
        List<Object> records = new ArrayList<>(request.size());
        List<Exchange> sends = new ArrayList<>(request.size());
        boolean headers = false;
        for (BridgeRecord record : request) {
            headers |= !record.headers().isEmpty();
            if (maxRecordBytes != null && record.bytes() > maxRecordBytes) {
                records.add(new Refused(413, "the record is " + record.bytes() + " bytes (key, value and headers); "
                        + "the topic takes at most " + maxRecordBytes));
            } else if (partitions != null && record.partition() != null && record.partition() >= partitions) {
                records.add(new Refused(404, "partition " + record.partition() + " does not exist: the topic has "
                        + partitions + " partition(s)"));
            } else {
                Exchange send = send(context, record);
                records.add(send);
                sends.add(send);
            }
        }
        return new RecordBatch(records, sends, headers);
    }

    private static Exchange send(CamelContext context, BridgeRecord record) {
        Exchange send = new DefaultExchange(context);
        Message message = send.getMessage();
        record.headers().forEach(message::setHeader);
        if (record.key() != null) {
            message.setHeader(KafkaConstants.KEY, record.key());
        }
        if (record.partition() != null) {
            message.setHeader(KafkaConstants.PARTITION_KEY, record.partition());
        }
        message.setBody(record.value());
        return send;
    }

    /**
     * What the Kafka endpoint sends: one exchange per record, in request order. It stops after a
     * record whose send timed out at once (the producer waited {@code max.block.ms} for the
     * topic's metadata or for buffer space): each further record would wait as long again on the
     * request's thread, while the switch waits for the request. The records not handed out are
     * answered as not sent.
     */
    Iterable<Exchange> sends() {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                int given = handedOut;
                return given < sends.size()
                        && (given == 0 || !(HttpErrorResponse.rootCause(sends.get(given - 1).getException()) instanceof TimeoutException));
            }

            @Override
            public Exchange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return sends.get(handedOut++);
            }
        };
    }

    /** Whether any record carries headers (refused where the legacy topic cannot store them). */
    boolean hasHeaders() {
        return headers;
    }

    /** Sets a header on every record to send (the producer's tag on legacy records). */
    void tagEach(String header, String value) {
        sends.forEach(send -> send.getMessage().setHeader(header, value));
    }

    /** Records the broker acknowledged. */
    int stored() {
        int stored = 0;
        for (Exchange send : sends) {
            if (acknowledged(send) != null) {
                stored++;
            }
        }
        return stored;
    }

    /** Whether every record handed to the producer has its outcome. */
    boolean complete() {
        return sends.subList(0, handedOut).stream().allMatch(RecordBatch::hasOutcome);
    }

    /**
     * After the send threw on a record (the producer failed it on the request's thread, or was
     * closed under it): that record failed with {@code failure}; waits, at most {@code timeout},
     * for the outcomes of the records sent before it, which the producer completes within its
     * {@code delivery.timeout.ms}.
     *
     * @return whether every record handed out has its outcome now
     */
    boolean settleAfter(Exception failure, java.time.Duration timeout) throws InterruptedException {
        int given = handedOut;
        if (given > 0 && !hasOutcome(sends.get(given - 1))) {
            sends.get(given - 1).setException(failure);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        // The producer's callbacks leave nothing to wait on but each exchange: a rare path (a
        // producer closed at shutdown), so it looks every 10 ms rather than adding a latch to every send.
        while (!complete()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Where the broker stored the record, null if it has not (yet, or at all). */
    private static RecordMetadata acknowledged(Exchange send) {
        return send.getException() == null ? RecordOutcome.stored(send) : null;
    }

    private static boolean hasOutcome(Exchange send) {
        return send.getException() != null || RecordOutcome.stored(send) != null;
    }

    /** The bridges' answer: {@code {"offsets":[{"partition","offset"} or {"error_code","message"}, ...]}}. */
    Map<String, Object> answer() {
        List<Map<String, Object>> offsets = new ArrayList<>(records.size());
        String notSent = handedOut < sends.size() ? "the record was not sent: the send of a record before it failed "
                + "at once (" + RecordOutcome.messageOf(firstFailure()) + ")" : null;
        int sent = 0;
        for (Object record : records) {
            Map<String, Object> entry = new LinkedHashMap<>(4);
            if (record instanceof Refused refused) {
                entry.put("error_code", refused.code());
                entry.put("message", refused.message());
            } else if (sent++ >= handedOut) {
                entry.put("error_code", 500);
                entry.put("message", notSent);
            } else {
                Exchange send = (Exchange) record;
                RecordMetadata stored = acknowledged(send);
                if (stored != null) {
                    entry.put("partition", stored.partition());
                    entry.put("offset", stored.offset());
                } else {
                    Throwable failure = HttpErrorResponse.rootCause(send.getException());
                    entry.put("error_code", RecordOutcome.codeOf(failure));
                    entry.put("message", RecordOutcome.messageOf(failure));
                }
            }
            offsets.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>(2);
        answer.put("offsets", offsets);
        return answer;
    }

    private Throwable firstFailure() {
        return sends.subList(0, handedOut).stream().map(Exchange::getException).filter(java.util.Objects::nonNull)
                .map(HttpErrorResponse::rootCause).findFirst().orElse(null);
    }
}
