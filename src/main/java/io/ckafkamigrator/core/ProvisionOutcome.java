package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What provisioning did for one topic, as the API answers it and the audit trail keeps it.
 *
 * @param plan  what was (or would have been) created, or the existing topic and its differences;
 *              empty when the clusters could not be read
 * @param error why nothing was created, empty on success
 */
public record ProvisionOutcome(String topic, String ckafkaTopic, Status status, boolean dryRun,
                               Optional<ProvisionPlan> plan, Optional<ProvisionFailedException> error) {

    /** The outcome's {@code status} field. */
    public enum Status {
        /** The CKafka topic was created. */
        CREATED,
        /** A dry run: the broker validated the creation, nothing was created. */
        WOULD_CREATE,
        /** The CKafka topic existed and was left as it is; its differences are listed. */
        EXISTS,
        /** Nothing was created: see {@code error}. */
        FAILED;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean created() {
        return status == Status.CREATED;
    }

    /** The JSON fields, in the order they are written. */
    public Map<String, Object> fields() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("ckafkaTopic", ckafkaTopic);
        json.put("status", status.json());
        json.put("created", created());
        json.put("dryRun", dryRun);
        plan.ifPresent(p -> {
            json.put("partitions", p.partitions());
            json.put("replicationFactor", p.replicationFactor());
            json.put("configs", new TreeMap<>(p.configs()));
            json.put("notCopied", new TreeMap<>(p.notCopied()));
        });
        json.put("differences", plan.map(ProvisionOutcome::differences).orElse(List.of()));
        json.put("error", error.map(e -> (Object) Map.of("error", e.reason().code(), "message", e.getMessage()))
                .orElse(null));
        return json;
    }

    private static List<Map<String, Object>> differences(ProvisionPlan plan) {
        return plan.differences().stream().map(d -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("setting", d.setting());
            json.put("wanted", d.wanted());
            json.put("ckafka", d.ckafka());
            return json;
        }).toList();
    }
}
