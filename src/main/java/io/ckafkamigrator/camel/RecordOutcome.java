package io.ckafkamigrator.camel;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What camel-kafka left on one record's exchange of a {@link RecordBatch}: where the broker
 * stored it, or why it is not stored, in the bridges' terms (an {@code error_code} like an HTTP
 * status, and a message that says whether a retry can duplicate it).
 */
final class RecordOutcome {

    private RecordOutcome() {
    }

    static int codeOf(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return 503;
        }
        if (failure instanceof RecordTooLargeException) {
            return 413;
        }
        if (failure instanceof UnknownTopicOrPartitionException || failure instanceof InvalidPartitionsException) {
            return 404;
        }
        return 500;
    }

    static String messageOf(Throwable failure) {
        String cause = failure == null ? "no acknowledgement" : HttpErrorResponse.describe(failure);
        if (failure instanceof TimeoutException) {
            return "the broker did not confirm the record in time; it may or may not be stored, so a retry can "
                    + "duplicate it: " + cause;
        }
        return "the record was not stored: " + cause;
    }

    static RecordMetadata stored(Exchange send) {
        List<?> metadata = send.getMessage().getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        return metadata != null && !metadata.isEmpty() && metadata.get(0) instanceof RecordMetadata stored
                && stored.offset() >= 0 ? stored : null;
    }
}
