package io.ckafkamigrator.core;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic's CKafka topic from its legacy topic ({@link ProvisionPlan}), or reports how
 * an existing one differs; a dry run asks the broker to validate the creation and creates
 * nothing. Every outcome, failures included, is recorded in the topic's audit trail
 * ({@code provision} events) and answered, never thrown: one topic's failure is its own.
 * A topic created or found present is no longer missing ({@link CkafkaTopicPresence}).
 *
 * <p>Concurrency: stateless apart from the presence; the caller serialises requests per topic
 * (the topic's request slot). Provisioning runs in any phase: it never changes an existing topic,
 * so after the switch it only reports.
 */
public final class TopicProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioning.class);

    private final TopicAdmin admin;
    private final int replicationFactor;
    private final CkafkaTopicPresence presence;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param replicationFactor of the topics created, or {@link ProvisionPlan#BROKER_DEFAULT_REPLICATION} */
    public TopicProvisioning(TopicAdmin admin, int replicationFactor, CkafkaTopicPresence presence, AuditTrail audit,
                             Clock clock) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.presence = presence;
        this.audit = audit;
        this.clock = clock;
    }

    public ProvisionOutcome provision(TopicConfig topic, boolean dryRun) {
        ProvisionOutcome outcome;
        Optional<ProvisionPlan> plan = Optional.empty();
        try {
            plan = Optional.of(plan(topic));
            outcome = carryOut(topic, plan.get(), dryRun);
        } catch (ProvisionFailedException e) {
            outcome = failed(topic, dryRun, plan, e);
        } catch (RuntimeException e) {
            outcome = failed(topic, dryRun, plan, new ProvisionFailedException(ProvisionFailedException.Reason.UNAVAILABLE,
                    e.toString(), e));
        }
        record(outcome);
        return outcome;
    }

    private ProvisionPlan plan(TopicConfig topic) {
        DescribedTopic legacy = admin.describeLegacy(topic.legacyTopic());
        return ProvisionPlan.of(topic.ckafkaTopic(), legacy, admin.describeCkafka(topic.ckafkaTopic()), replicationFactor);
    }

    private ProvisionOutcome carryOut(TopicConfig topic, ProvisionPlan plan, boolean dryRun) {
        if (!plan.create()) {
            presence.found(topic.ckafkaTopic());
            return new ProvisionOutcome(topic.name(), topic.ckafkaTopic(), ProvisionOutcome.Status.EXISTS, dryRun,
                    Optional.of(plan), Optional.empty());
        }
        try {
            admin.createCkafka(plan.ckafkaTopic(), plan.partitions(), plan.replicationFactor(), plan.configs(), dryRun);
        } catch (ProvisionFailedException e) {
            if (e.reason() == ProvisionFailedException.Reason.ALREADY_EXISTS) {
                // Created meanwhile by someone else: report it as it now is.
                ProvisionPlan now = plan(topic);
                if (now.create()) {
                    throw new ProvisionFailedException(ProvisionFailedException.Reason.UNAVAILABLE, "the CKafka cluster "
                            + "answered that topic '" + plan.ckafkaTopic() + "' exists, but does not describe it", e);
                }
                return carryOut(topic, now, dryRun);
            }
            if (e.reason() == ProvisionFailedException.Reason.FORBIDDEN
                    || e.reason() == ProvisionFailedException.Reason.REFUSED) {
                throw new ProvisionFailedException(e.reason(), e.getMessage() + "; " + plan.consoleStep(), e);
            }
            throw e;
        }
        if (dryRun) {
            return new ProvisionOutcome(topic.name(), topic.ckafkaTopic(), ProvisionOutcome.Status.WOULD_CREATE, true,
                    Optional.of(plan), Optional.empty());
        }
        LOG.info("CKafka topic created: topic={} ckafkaTopic={} partitions={} replicationFactor={} configs={}",
                topic.name(), plan.ckafkaTopic(), plan.partitions(), plan.replicationFactor(), plan.configs());
        presence.found(topic.ckafkaTopic());
        return new ProvisionOutcome(topic.name(), topic.ckafkaTopic(), ProvisionOutcome.Status.CREATED, false,
                Optional.of(plan), Optional.empty());
    }

    private static ProvisionOutcome failed(TopicConfig topic, boolean dryRun, Optional<ProvisionPlan> plan,
                                           ProvisionFailedException e) {
        LOG.warn("Provisioning failed: topic={} ckafkaTopic={} dryRun={} error={} message={}", topic.name(),
                topic.ckafkaTopic(), dryRun, e.reason().code(), e.getMessage());
        return new ProvisionOutcome(topic.name(), topic.ckafkaTopic(), ProvisionOutcome.Status.FAILED, dryRun, plan,
                Optional.of(e));
    }

    private void record(ProvisionOutcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>(outcome.fields());
        details.remove("topic");
        audit.record(new AuditEvent(clock.instant(), outcome.topic(), "provision", details));
    }
}
