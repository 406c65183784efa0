package io.ckafkamigrator.camel;

import java.util.function.Function;

import io.ckafkamigrator.core.RecordCounts;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A route step that counts the record once the step before it succeeded: placed after the
 * Kafka producer (which returns only after the broker acknowledged the record) and after the
 * sink (which returns only once the sink took it). A failed step never reaches it.
 */
final class RecordCounting implements Processor {

    private final RecordCounts counts;
    private final Function<Exchange, String> label;

    private RecordCounting(RecordCounts counts, Function<Exchange, String> label) {
        this.counts = counts;
        this.label = label;
    }

    /** Counts per topic and the cluster the producer route wrote to. */
    static RecordCounting produced(RecordCounts counts) {
        return new RecordCounting(counts, e -> e.getProperty(IngestResponse.CLUSTER_PROPERTY, String.class));
    }

    @Override
    public void process(Exchange exchange) {
        counts.increment(exchange.getProperty(ProducerRouting.TOPIC_PROPERTY, String.class), label.apply(exchange));
    }
}
