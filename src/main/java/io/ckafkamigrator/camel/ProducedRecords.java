package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.RecordCounts;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The producer route's step after the send: counts the record per topic and cluster (a
 * {@link RecordBatch}: the records the broker acknowledged). The send returns only after the
 * broker acknowledged the record, and a failed send never reaches this step. A step of its own, not a completion of the exchange: an exchange whose failure the
 * caller handles (HTTP ingest answers 503) ends without an exception, and a caller that retries
 * runs the route once per attempt.
 */
final class ProducedRecords implements Processor {

    private final RecordCounts counts;

    ProducedRecords(RecordCounts counts) {
        this.counts = counts;
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getProperty(ProducerRouting.TOPIC_PROPERTY, String.class);
        String cluster = exchange.getProperty(IngestResponse.CLUSTER_PROPERTY, String.class);
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        counts.add(topic, cluster, batch == null ? 1 : batch.stored());
    }
}
