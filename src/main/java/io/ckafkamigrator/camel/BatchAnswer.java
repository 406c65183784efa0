package io.ckafkamigrator.camel;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The answer of a batch request, {@code {"results":[…]}} with one {@link TopicResult} per topic
 * in the order asked. Its status says what the results hold, so a client that reads only the
 * status knows whether to read on:
 * <ul>
 *   <li>{@code 200}: every topic answered 200 (switched; cut over and {@code MIGRATED});</li>
 *   <li>{@code 202}: every topic was accepted, some answered 202 (a cutover not yet
 *       {@code MIGRATED} when the wait ended), as a single cutover answers;</li>
 *   <li>{@code 207} (Multi-Status): some topic was refused or failed; the others went ahead.</li>
 * </ul>
 */
final class BatchAnswer {

    static final int MULTI_STATUS = 207;

    private BatchAnswer() {
    }

    static int status(List<TopicResult> results) {
        if (results.stream().anyMatch(r -> !r.succeeded())) {
            return MULTI_STATUS;
        }
        return results.stream().anyMatch(r -> r.status() != 200) ? 202 : 200;
    }

    static void write(Exchange exchange, List<TopicResult> results) {
        JsonAnswer.write(exchange, status(results), Map.of("results", results.stream().map(TopicResult::json).toList()));
    }
}
