package io.ckafkamigrator.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.AuditTrail;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.ProducerSwitch;
import io.ckafkamigrator.core.RecordCounts;
import io.ckafkamigrator.kafka.BrokerFit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The beans the YAML routes call, bound under their {@link BeanNames}. Everything a route
 * needs is bound before the routes load; the control behind the gates and the API comes later
 * ({@link #attachControl}), and until then they answer "not ready yet".
 */
final class MigratorBeans {

    private final Registry registry;
    private final ProducerSwitch producers = new ProducerSwitch();
    private final RecordCounts produced = new RecordCounts();
    private final RecordCounts delivered = new RecordCounts();
    private final ProducerRouting producerRouting = new ProducerRouting(producers);
    private final MigrationApi api = new MigrationApi();
    private final ClustersApi clustersApi = new ClustersApi();
    private final PreflightApi preflightApi = new PreflightApi();
    private final IngestRequest ingest = new IngestRequest();
    private final TopicRouteFiles topicRouteFiles = new TopicRouteFiles();
    private final BatchControl batch;
    private volatile MigrationControl control;

    private MigratorBeans(Registry registry, int batchParallelism) {
        this.registry = registry;
        this.batch = new BatchControl(api.topicRequests(), batchParallelism);
    }

    /** As {@link #bind(CamelContext, Duration, int)} with the declared default of {@code migration.batch.parallelism}. */
    static MigratorBeans bind(CamelContext context, Duration recommitInterval) {
        return bind(context, recommitInterval, Integer.parseInt(Settings.BATCH_PARALLELISM.defaultValue().orElseThrow()));
    }

    /**
     * Binds every bean of {@link BeanNames} but {@link BeanNames#CONTROL_AUDIT}, which needs the
     * state directory ({@link #bindAudit}).
     *
     * @param recommitInterval how long a consumer may commit nothing before it re-commits its offsets
     * @param batchParallelism how many topics the batch requests work on at once
     */
    static MigratorBeans bind(CamelContext context, Duration recommitInterval, int batchParallelism) {
        MigratorBeans beans = new MigratorBeans(context.getRegistry(), batchParallelism);
        Supplier<MigrationControl> control = () -> beans.control;
        beans.bind(BeanNames.TOPIC_ROUTE_FILES, beans.topicRouteFiles);
        beans.bind(BeanNames.REQUEST_GUARD, new RequestGuard());
        beans.bind(BeanNames.HTTP_ERROR_RESPONSE, new HttpErrorResponse());
        beans.bind(BeanNames.INGEST_REQUEST, beans.ingest);
        beans.bind(BeanNames.INGEST_RESPONSE, new IngestResponse());
        beans.bind(BeanNames.RECORD_BATCH_OUTCOMES, new RecordBatchOutcomes());
        beans.bind(BeanNames.PRODUCER_ROUTING, beans.producerRouting);
        beans.bind(BeanNames.PRODUCED_RECORDS, new ProducedRecords(beans.produced));
        beans.bind(BeanNames.LEGACY_DELIVERY, GatedDelivery.ofLegacyConsumer(
                t -> control.get() == null ? null : control.get().legacyGate(t), beans.delivered));
        beans.bind(BeanNames.CKAFKA_DELIVERY, GatedDelivery.ofCkafkaConsumer(
                t -> control.get() == null ? null : control.get().ckafkaGate(t), beans.delivered));
        beans.bind(BeanNames.CKAFKA_WAITING_CONSUMER, new WaitingConsumerListener(control));
        beans.bind(BeanNames.CONSUMER_CLIENTS, new ConsumerClients(control, recommitInterval));
        beans.bind(BeanNames.PRODUCER_CLIENTS, new SharedProducers());
        beans.bind(BeanNames.MIGRATION_API, beans.api);
        beans.bind(BeanNames.CLUSTERS_API, beans.clustersApi);
        beans.bind(BeanNames.PREFLIGHT_API, beans.preflightApi);
        beans.bind(BeanNames.BATCH_CONTROL, beans.batch);
        beans.bind(BeanNames.PAGE_HEADER_FILTER, new PageHeaderFilter());
        // Found by the platform-http component before it makes an engine of its own.
        beans.bind(AsyncAnswerEngine.REGISTRY_NAME, new AsyncAnswerEngine(Set.of(MigrationApi.CUTOVER_PATH,
                BatchControl.SWITCH_PATH, BatchControl.CUTOVER_PATH)));
        return beans;
    }

    private void bind(String name, Object bean) {
        registry.bind(name, bean);
    }

    void bindAudit(AuditTrail trail, Clock clock) {
        ControlAudit audit = new ControlAudit(trail, clock);
        bind(BeanNames.CONTROL_AUDIT, audit);
        batch.audit(audit);
    }

    /** From now on {@code GET /api/clusters} shows how the app works with each cluster's brokers. */
    void clusters(Clusters<BrokerFit> fits) {
        clustersApi.fits(fits);
    }

    /** From now on the gates and the API serve {@code created}. */
    void attachControl(MigrationControl created, MigrationStatus status, AuditTrail audit) {
        control = created;
        api.attach(created, status, audit);
    }

    PreflightApi preflightApi() {
        return preflightApi;
    }

    MigrationApi api() {
        return api;
    }

    ProducerRouting producerRouting() {
        return producerRouting;
    }

    ProducerSwitch producers() {
        return producers;
    }

    IngestRequest ingest() {
        return ingest;
    }

    TopicRouteFiles topicRouteFiles() {
        return topicRouteFiles;
    }

    RecordCounts produced() {
        return produced;
    }

    RecordCounts delivered() {
        return delivered;
    }
}
