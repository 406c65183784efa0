package io.ckafkamigrator.camel;

import java.util.List;

/**
 * The names under which the Java side is bound in Camel's registry: the YAML routes call these
 * by {@code ref:}, so each name is API between routes/ and the code. docs/code-map.md maps
 * each to its class; {@code BeanNamesTest} fails for a {@code ref:} that is not listed here.
 */
public final class BeanNames {

    /** Checks each topic file's templated routes as Camel reads it. */
    public static final String TOPIC_ROUTE_FILES = "topicRouteFiles";
    /** Refuses request paths that only a trick would produce (every HTTP route). */
    public static final String REQUEST_GUARD = "requestGuard";
    /** Turns an HTTP route's exception into its JSON error answer. */
    public static final String HTTP_ERROR_RESPONSE = "httpErrorResponse";
    /** Reads {@code POST /topics/{topic}} into a record for the topic's producer route. */
    public static final String INGEST_REQUEST = "ingestRequest";
    /** Answers an ingest request once the broker acknowledged the record. */
    public static final String INGEST_RESPONSE = "ingestResponse";
    /** Takes the failure of a bridge request's send once every record has its own outcome. */
    public static final String RECORD_BATCH_OUTCOMES = "recordBatchOutcomes";
    /** The producer redirect: which cluster each record goes to. */
    public static final String PRODUCER_ROUTING = "producerRouting";
    /** Counts records acknowledged by a cluster, per topic. */
    public static final String PRODUCED_RECORDS = "producedRecords";
    /** The legacy consumer's step before the sink: its delivery gate, and the count of what the sink took. */
    public static final String LEGACY_DELIVERY = "legacyDelivery";
    /** The CKafka consumer's step before the sink: its delivery gate, and the count of what the sink took. */
    public static final String CKAFKA_DELIVERY = "ckafkaDelivery";
    /** Keeps a CKafka consumer polling with its partitions paused while its gate holds (pausable EIP). */
    public static final String CKAFKA_WAITING_CONSUMER = "ckafkaWaitingConsumer";
    /** The consumer routes' Kafka clients: legacy commits reported, CKafka client ids set. */
    public static final String CONSUMER_CLIENTS = "consumerClients";
    /** The producer routes' {@code kafkaClientFactory}: one client per cluster ({@link SharedProducers}). */
    public static final String PRODUCER_CLIENTS = "producerClients";
    /** The control API and the monitor's tick. */
    public static final String MIGRATION_API = "migrationApi";
    /** Answers {@code GET /api/clusters}: each cluster's brokers' release and the settings chosen for it. */
    public static final String CLUSTERS_API = "clustersApi";
    /** Answers the preflight checks: {@code GET /api/migrations/preflight} and {@code /api/migrations/{topic}/preflight}. */
    public static final String PREFLIGHT_API = "preflightApi";
    /** Records each state-changing control request in the audit trail. */
    public static final String CONTROL_AUDIT = "controlAudit";
    /** The batch switch and cutover: many topics in one request, each as its single request. */
    public static final String BATCH_CONTROL = "batchControl";
    /** The dashboard route's {@code headerFilterStrategy}: its {@code Cache-Control} is sent. */
    public static final String PAGE_HEADER_FILTER = "pageHeaderFilter";

    /** Every name above. */
    public static final List<String> ALL = List.of(TOPIC_ROUTE_FILES, REQUEST_GUARD, HTTP_ERROR_RESPONSE,
            INGEST_REQUEST, INGEST_RESPONSE, RECORD_BATCH_OUTCOMES, PRODUCER_ROUTING, PRODUCED_RECORDS, LEGACY_DELIVERY, CKAFKA_DELIVERY,
            CKAFKA_WAITING_CONSUMER, CONSUMER_CLIENTS, PRODUCER_CLIENTS, MIGRATION_API, CLUSTERS_API, PREFLIGHT_API, CONTROL_AUDIT,
            BATCH_CONTROL, PAGE_HEADER_FILTER);

    private BeanNames() {
    }
}
