package io.ckafkamigrator.camel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ckafkamigrator.core.HandoffRefusedException;
import io.ckafkamigrator.core.IllegalPhaseException;
import io.ckafkamigrator.core.UnknownTopicException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the exception caught by an HTTP route into a JSON error: an {@link HttpProblem} keeps
 * its status; anything else means the record was not stored and answers 503, never 2xx, and
 * never a stack trace.
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
        } else if (caught instanceof HandoffRefusedException refused) {
            status = 409;
            code = refused.code();
            text = refused.getMessage();
        } else if (!"topics-ingest".equals(exchange.getFromRouteId())) {
            status = 503;
            code = "unavailable";
            text = "the request failed and changed nothing it reports as done: " + describe(caught);
            LOG.warn("Control request failed, answered 503: route={} cause={}", exchange.getFromRouteId(), describe(caught));
        } else {
            status = 503;
            code = "not_stored";
            text = "the record was not stored: " + describe(caught);
            LOG.warn("Ingest failed, answered 503: route={} topic={} cause={}", exchange.getFromRouteId(),
                    exchange.getProperty(IngestRequest.TOPIC_PROPERTY), describe(caught));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", text);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.object(body));
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
