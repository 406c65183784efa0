package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.RequestInProgressException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ckafkamigrator.core.CkafkaTopicMissingException;
import io.ckafkamigrator.core.HandoffRefusedException;
import io.ckafkamigrator.core.IllegalPhaseException;
import io.ckafkamigrator.core.SwitchUnmeasurableException;
import io.ckafkamigrator.core.UnknownTopicException;
import io.ckafkamigrator.core.WrongSideException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the exception caught by an HTTP route into a JSON error: an {@link HttpProblem} keeps
 * its status; a producer switch that cannot be measured answers 503 {@code offsets_unreadable}
 * (nothing moved); a broker timeout answers 503 {@code outcome_unknown} (the record may still be
 * appended); anything else answers 503 {@code not_stored}. Never 2xx, never a stack trace.
 */
final class HttpErrorResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorResponse.class);

    @Override
    public void process(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String code;
        String text;
        if (caught instanceof HttpProblem problem) {
            status = problem.status();
            code = problem.code();
            text = problem.getMessage();
        } else if (caught instanceof UnknownTopicException) {
            status = 404;
            code = "unknown_topic";
            text = caught.getMessage();
        } else if (caught instanceof IllegalPhaseException phase) {
            status = 409;
            code = "wrong_phase";
            text = phase.getMessage();
        } else if (caught instanceof RequestInProgressException busy) {
            status = 409;
            code = "request_in_progress";
            text = busy.getMessage();
        } else if (caught instanceof HandoffRefusedException refused) {
            status = 409;
            code = refused.code();
            text = refused.getMessage();
        } else if (caught instanceof WrongSideException side) {
            status = 409;
            code = side.code();
            text = side.getMessage();
        } else if (caught instanceof CkafkaTopicMissingException missing) {
            status = 409;
            code = CkafkaTopicMissingException.CODE;
            text = missing.getMessage();
        } else if (caught instanceof SwitchUnmeasurableException unmeasurable) {
            status = 503;
            code = "offsets_unreadable";
            text = unmeasurable.getMessage();
            LOG.warn("Producer switch refused, answered 503: route={} cluster={}", exchange.getFromRouteId(),
                    unmeasurable.cluster());
        } else if (!"topics-ingest".equals(exchange.getFromRouteId())) {
            status = 503;
            code = "unavailable";
            text = "the request failed and changed nothing it reports as done: " + describe(caught);
            LOG.warn("Control request failed, answered 503: route={} cause={}", exchange.getFromRouteId(), describe(caught));
        } else if (rootCause(caught) instanceof org.apache.kafka.common.errors.TimeoutException) {
            // The broker may still append a record whose acknowledgement timed out.
            status = 503;
            code = "outcome_unknown";
            text = "the broker did not confirm the record in time; it may or may not be stored: " + describe(caught);
            LOG.warn("Ingest timed out, answered 503: route={} topic={} cause={}", exchange.getFromRouteId(),
                    exchange.getProperty(IngestRequest.TOPIC_PROPERTY), describe(caught));
        } else {
            status = 503;
            code = "not_stored";
            text = "the record was not stored: " + describe(caught);
            LOG.warn("Ingest failed, answered 503: route={} topic={} cause={}", exchange.getFromRouteId(),
                    exchange.getProperty(IngestRequest.TOPIC_PROPERTY), describe(caught));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        boolean bridge = exchange.getProperty(IngestRequest.BRIDGE_PROPERTY) != null;
        if (bridge) {
            // A bridge client reads the bridges' error shape; our code is kept beside it.
            body.put("error_code", status);
        }
        body.put("error", code);
        body.put("message", text);
        JsonAnswer.write(exchange, status, body, bridge ? BridgeFormat.ANSWER_CONTENT_TYPE : "application/json");
    }

    /** The innermost cause of a failure (also of a bridge record's, {@link RecordOutcome}). */
    static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The root cause as {@code Type: message}, for answers and logs. */
    static String describe(Throwable error) {
        Throwable root = rootCause(error);
        if (root == null) {
            return "unknown error";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
