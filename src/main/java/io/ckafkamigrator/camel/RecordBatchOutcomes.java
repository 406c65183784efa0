package io.ckafkamigrator.camel;

import java.time.Duration;

import io.ckafkamigrator.config.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The catch of a bridge request's send in the producer route. camel-kafka fails the request's
 * exchange when any of its records failed, although each record's outcome is on its own
 * exchange ({@link RecordBatch}): those are answered one by one, so the failure ends here.
 *
 * <p>When the send threw on a record (the producer refused it on the request's thread, or was
 * closed under it at shutdown), camel-kafka goes on at once, with the records before it still
 * on their way: this waits for their outcomes, at most the producer's delivery timeout and a
 * little more, so the answer and the producer switch (which waits for the request) come after
 * them. Should one still have none, the request fails as a whole: {@code 503 outcome_unknown}.
 */
final class RecordBatchOutcomes implements Processor {

    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch == null) {
            throw caught != null ? caught : new IllegalStateException("a record batch ended without its records");
        }
        if (batch.complete()) {
            return;
        }
        Duration timeout = Duration.ofMillis(new CamelPropertySource(exchange.getContext())
                .getInt(Settings.PRODUCER_DELIVERY_TIMEOUT_MS)).plus(MARGIN);
        if (!batch.settleAfter(caught, timeout)) {
            throw new HttpProblem(503, "outcome_unknown", "the records of this request were sent, but not every one "
                    + "was confirmed or refused in time: they may or may not be stored, so a retry can duplicate them");
        }
    }
}
