package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.ProvisionOutcome;
import io.ckafkamigrator.core.RequestInProgressException;
import io.ckafkamigrator.core.RequestSlots;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicProvisioning;
import org.apache.camel.Exchange;

/**
 * The provisioning requests of {@link MigrationApi}: {@code POST /api/migrations/{topic}/provision}
 * and {@code POST /api/migrations/provision}, each optionally {@code ?dryRun=true}. Each topic is
 * provisioned in its request slot, as every state-changing request is ({@link RequestSlots}).
 * The one-topic request answers 201 when it created the topic, 200 when it found it or for a dry
 * run, and a JSON error otherwise (403 forbidden, 422 refused, 503 a cluster that did not answer);
 * the all-topics request answers 200 with one result per topic, one failing topic never stopping
 * the others. Thread-safe: holds nothing but what it was made with.
 */
final class ProvisionRequests {

    private final TopicProvisioning provisioning;
    private final RequestSlots slots;

    ProvisionRequests(TopicProvisioning provisioning, RequestSlots slots) {
        this.provisioning = provisioning;
        this.slots = slots;
    }

    void one(Exchange exchange, MigrationControl control, String topic) {
        boolean dryRun = dryRun(exchange);
        TopicConfig config = control.topic(topic);
        ProvisionOutcome outcome;
        try (RequestSlots.Slot slot = slots.take(topic, "provision")) {
            outcome = provisioning.provision(config, dryRun);
        }
        if (outcome.error().isEmpty()) {
            JsonAnswer.write(exchange, outcome.created() ? 201 : 200, outcome.fields());
            return;
        }
        // The error's code and message first, as every JSON error of the API has them.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", outcome.error().get().reason().code());
        body.put("message", outcome.error().get().getMessage());
        outcome.fields().forEach((field, value) -> body.putIfAbsent(field, value));
        JsonAnswer.write(exchange, status(outcome), body);
    }

    void all(Exchange exchange, MigrationControl control) {
        boolean dryRun = dryRun(exchange);
        List<Map<String, Object>> results = new ArrayList<>();
        for (TopicConfig topic : control.topics()) {
            try (RequestSlots.Slot slot = slots.take(topic.name(), "provision")) {
                results.add(provisioning.provision(topic, dryRun).fields());
            } catch (RequestInProgressException busy) {
                results.add(busy(topic, dryRun, busy));
            }
        }
        JsonAnswer.write(exchange, 200, Map.of("results", results));
    }

    /** A topic whose slot another request holds: not provisioned this time, the others are. */
    private static Map<String, Object> busy(TopicConfig topic, boolean dryRun, RequestInProgressException busy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic.name());
        json.put("ckafkaTopic", topic.ckafkaTopic());
        json.put("status", ProvisionOutcome.Status.FAILED.json());
        json.put("created", false);
        json.put("dryRun", dryRun);
        json.put("differences", List.of());
        json.put("error", Map.of("error", "request_in_progress", "message", busy.getMessage()));
        return json;
    }

    private static int status(ProvisionOutcome outcome) {
        return switch (outcome.error().get().reason()) {
            case FORBIDDEN -> 403;
            case REFUSED, LEGACY_TOPIC_MISSING -> 422;
            case ALREADY_EXISTS -> 409;
            case UNAVAILABLE -> 503;
        };
    }

    static boolean dryRun(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("dryRun", String.class);
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new HttpProblem(400, "bad_parameter", "dryRun must be true or false, was '"
                + (raw.length() > 20 ? raw.substring(0, 20) + "..." : raw) + "'");
    }
}
