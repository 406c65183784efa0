package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.Ordering;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicMigration;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Creates the Kafka clients of the consumer routes (their {@code kafkaClientFactory}): a legacy
 * consumer reports its commits ({@link CommitReportingConsumer}); every consumer carries
 * this instance's client id ({@code ConsumerIdentity}), by which every check of its group
 * tells it from a foreign member, and an ordered topic's can be woken by the handoff
 * ({@link WakeableConsumer}). Each keeps its group's committed offsets from expiring while it
 * commits nothing ({@link RecommittingConsumer}). The group id names the topic (group ids are unique across
 * topics). Before the control is ready, or for a group no topic has, a plain client.
 */
final class ConsumerClients extends DefaultKafkaClientFactory {

    private final Supplier<MigrationControl> control;
    private final Duration recommitInterval;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger legacyCreated = new AtomicInteger();

    /** @param recommitInterval how long a consumer may commit nothing before it re-commits ({@link RecommittingConsumer}) */
    ConsumerClients(Supplier<MigrationControl> control, Duration recommitInterval) {
        this.control = control;
        this.recommitInterval = recommitInterval;
    }

    @Override
    public Consumer getConsumer(Properties props) {
        MigrationControl migrations = control.get();
        String group = props.getProperty(ConsumerConfig.GROUP_ID_CONFIG);
        Optional<TopicMigration> migration = migrations == null || group == null ? Optional.empty()
                : migrations.byGroup(group);
        if (migration.isEmpty()) {
            return super.getConsumer(props);
        }
        TopicConfig topic = migration.get().config();
        if (group.equals(topic.legacyGroup())) {
            // This instance's client id too: the preflight tells this app's legacy consumer from an
            // old service still consuming in the legacy group by it. Counted apart from the CKafka ones.
            props.setProperty(ConsumerConfig.CLIENT_ID_CONFIG,
                    migrations.identity().clientId(topic.name() + "-legacy", legacyCreated.incrementAndGet()));
            return new CommitReportingConsumer<>(props, topic.legacyTopic(), migration.get()::legacyCommitted,
                    recommitInterval);
        }
        props.setProperty(ConsumerConfig.CLIENT_ID_CONFIG,
                migrations.identity().clientId(topic.name(), created.incrementAndGet()));
        if (topic.ordering() == Ordering.UNORDERED) {
            return new RecommittingConsumer<>(props, recommitInterval);
        }
        WakeableConsumer<Object, Object> consumer = new WakeableConsumer<>(props, recommitInterval);
        migration.get().waitingConsumer().wakeWith(consumer::wakeForHandoff);
        return consumer;
    }
}
