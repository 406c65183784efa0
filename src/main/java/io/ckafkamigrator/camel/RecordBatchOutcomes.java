package io.ckafkamigrator.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The catch of a bridge request's send in the producer route. camel-kafka fails the request's
 * exchange when any of its records failed, although each record's outcome is on its own
 * exchange ({@link RecordBatch}): those are answered one by one, so the failure ends here. A
 * send that stopped before every record had an outcome (the client was closed under it) is
 * thrown again: nothing can be said of the records after it, and the request fails as a whole.
 */
final class RecordBatchOutcomes implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch == null || !batch.complete()) {
            throw caught != null ? caught : new IllegalStateException("a record batch ended without its outcomes");
        }
    }
}
