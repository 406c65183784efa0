package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.AuditTrail;
import io.ckafkamigrator.core.Json;
import io.ckafkamigrator.core.RequestSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicProvisioning;
import org.apache.camel.Exchange;

/**
 * The HTTP control API, called from the {@code migration-control-*} routes in routes/control.yaml.
 * Each method reads the request from the exchange and writes a JSON answer; refusals are
 * exceptions that the routes turn into JSON errors.
 */
public final class MigrationApi {

    static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    /** The cutover's path, answered asynchronously ({@link AsyncAnswerEngine}): a wait holds no HTTP worker thread. */
    static final String CUTOVER_PATH = "/api/migrations/{topic}/cutover";
    // A waiting request holds its topic's request slot and a connection: waits stay bounded, clients poll.
    private static final int MAX_WAIT_SECONDS = 300;

    private final RequestSlots slots = new RequestSlots();
    private final RequestWaits waits = new RequestWaits();
    private volatile MigrationControl control;
    private volatile MigrationStatus status;
    private volatile AuditTrail audit = AuditTrail.NONE;
    private volatile ProvisionRequests provisioning;

    void attach(MigrationControl control, MigrationStatus status, AuditTrail audit) {
        this.control = control;
        this.status = status;
        this.audit = audit;
    }

    /** {@code GET /api/migrations[?phase=P[,P…]]}: the phase filter is applied before any offset is read. */
    public void list(Exchange exchange) {
        Set<Phase> phases = PhaseFilter.parse(exchange.getMessage().getHeader("phase"));
        MigrationControl c = ready();
        List<Map<String, Object>> topics = new ArrayList<>();
        for (TopicConfig topic : c.topics()) {
            if (phases.contains(c.state(topic.name()).phase())) {
                topics.add(status.of(topic.name(), false));
            }
        }
        JsonAnswer.write(exchange, 200, Map.of("topics", topics));
    }

    /** {@code GET /api/migrations/{topic}}. */
    public void status(Exchange exchange) {
        ready();
        JsonAnswer.write(exchange, 200, status.of(topic(exchange), true));
    }

    /** From now on the provisioning requests are served; set at start, with the control. */
    void attachProvisioning(TopicProvisioning provisioning) {
        this.provisioning = new ProvisionRequests(provisioning, slots);
    }

    /** {@code POST /api/migrations/{topic}/provision[?dryRun=true]}: see {@link ProvisionRequests}. */
    public void provision(Exchange exchange) {
        String topic = topic(exchange);
        MigrationControl c = ready();
        provisioning().one(exchange, c, topic);
    }

    /** {@code POST /api/migrations/provision[?dryRun=true]}: every topic, one result each. */
    public void provisionAll(Exchange exchange) {
        MigrationControl c = ready();
        provisioning().all(exchange, c);
    }

    private ProvisionRequests provisioning() {
        ProvisionRequests p = provisioning;
        if (p == null) {
            throw HttpProblem.starting();
        }
        return p;
    }

    /** {@code POST /api/migrations/{topic}/switch-producer}. */
    public void switchProducer(Exchange exchange) throws InterruptedException {
        changeAndAnswer(exchange, "switch-producer", MigrationControl::switchProducer);
    }

    /**
     * {@code POST /api/migrations/{topic}/prepare}: external producers, before the operator
     * repoints them; the CKafka start offsets captured and committed for the CKafka group.
     */
    public void prepare(Exchange exchange) throws InterruptedException {
        changeAndAnswer(exchange, "prepare", MigrationControl::prepare);
    }

    /** {@code POST /api/migrations/{topic}/producers-switched}: external producers all write to CKafka now. */
    public void producersSwitched(Exchange exchange) throws InterruptedException {
        changeAndAnswer(exchange, "producers-switched", MigrationControl::producersSwitched);
    }

    /** {@code POST /api/migrations/{topic}/accept-stray-writes}: the drain target moves to the legacy end offsets. */
    public void acceptStrayWrites(Exchange exchange) throws InterruptedException {
        changeAndAnswer(exchange, "accept-stray-writes", MigrationControl::acceptStrayWrites);
    }

    /** {@code POST /api/migrations/{topic}/accept-expired-backlog}: expired CKafka records are accepted as lost. */
    public void acceptExpiredBacklog(Exchange exchange) throws InterruptedException {
        changeAndAnswer(exchange, "accept-expired-backlog", MigrationControl::acceptExpiredBacklog);
    }

    /** One control request that changes the topic at once: in the topic's request slot, answered with its status. */
    private void changeAndAnswer(Exchange exchange, String request, TopicChange change) throws InterruptedException {
        String topic = topic(exchange);
        change(topic, request, change);
        JsonAnswer.write(exchange, 200, status.of(topic, true));
    }

    /** The change of one topic in its request slot: a single request's, and each topic's of a batch. */
    private void change(String topic, String request, TopicChange change) throws InterruptedException {
        MigrationControl c = ready();
        try (RequestSlots.Slot slot = slots.take(topic, request)) {
            change.apply(c, topic);
        }
    }

    @FunctionalInterface
    private interface TopicChange {
        void apply(MigrationControl control, String topic) throws InterruptedException;
    }

    /**
     * {@code POST /api/migrations/{topic}/cutover[?wait=SECONDS]}: 200 once MIGRATED, else 202 when
     * the wait ends. The request is made on the calling thread; the wait is a future completed by
     * {@link RequestWaits}, which the bean step answers asynchronously, so no thread waits for it.
     */
    public CompletableFuture<Void> cutover(Exchange exchange) throws InterruptedException {
        String topic = topic(exchange);
        int waitSeconds = waitSeconds(exchange.getMessage().getHeader("wait", String.class));
        MigrationControl c = ready();
        // The status reads the clusters: written on the answer threads, not the wait's scheduler.
        return requestCutover(topic, waitSeconds).thenAcceptAsync(done -> {
            MigrationState state = c.state(topic);
            JsonAnswer.write(exchange, state.phase() == Phase.MIGRATED ? 200 : 202, status.of(topic, true));
        }, waits.answers());
    }

    /**
     * The cutover of one topic, a single request's and each topic's of a batch: requested on the
     * calling thread, completed by {@link RequestWaits} once MIGRATED or the wait ended.
     */
    private CompletableFuture<Void> requestCutover(String topic, int waitSeconds) throws InterruptedException {
        MigrationControl c = ready();
        // The slot is held while waiting too: a second request meanwhile is a conflict, not a repeat.
        RequestSlots.Slot slot = slots.take(topic, "cutover");
        CompletableFuture<Boolean> migrated;
        try {
            c.requestCutover(topic);
            migrated = waits.until(() -> c.state(topic).phase() == Phase.MIGRATED, Duration.ofSeconds(waitSeconds));
        } catch (RuntimeException | InterruptedException e) {
            slot.close();
            throw e;
        }
        return migrated.whenComplete((done, error) -> slot.close()).thenAccept(done -> { });
    }

    /** The single-topic requests as a batch makes them for each of its topics ({@link BatchControl}). */
    TopicRequests topicRequests() {
        return new TopicRequests() {
            @Override
            public List<String> topics() {
                return ready().topics().stream().map(TopicConfig::name).toList();
            }

            @Override
            public Optional<Phase> phase(String topic) {
                MigrationControl c = ready();
                return c.topics().stream().anyMatch(t -> t.name().equals(topic))
                        ? Optional.of(c.state(topic).phase()) : Optional.empty();
            }

            @Override
            public void switchProducer(String topic) throws InterruptedException {
                change(topic, "switch-producer", MigrationControl::switchProducer);
            }

            @Override
            public CompletableFuture<Void> cutover(String topic, int waitSeconds) throws InterruptedException {
                return requestCutover(topic, waitSeconds);
            }
        };
    }

    /** The app stops: every waiting cutover is answered now, with the topic's phase as it is. */
    void answerWaiting() {
        waits.endAll();
    }

    /** {@code GET /api/migrations/{topic}/history}: the topic's audit trail, oldest first. */
    public void history(Exchange exchange) {
        String topic = topic(exchange);
        ready().topic(topic);
        String events = String.join(",", audit.history(topic));
        // The trail's lines are JSON objects written by this app, so they are embedded as they are.
        JsonAnswer.write(exchange, 200, "{\"topic\":" + Json.quote(topic) + ",\"events\":[" + events + "]}");
    }

    /** One monitoring round, from the {@code migration-control-monitor} timer route. */
    public void tick() {
        MigrationControl c = control;
        if (c != null) {
            c.tick();
        }
    }

    private MigrationControl ready() {
        MigrationControl c = control;
        if (c == null) {
            throw HttpProblem.starting();
        }
        return c;
    }

    static String topic(Exchange exchange) {
        String topic = exchange.getMessage().getHeader("topic", String.class);
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            throw new HttpProblem(404, "unknown_topic", "no such topic");
        }
        return topic;
    }

    static int waitSeconds(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        // ASCII digits only: Integer.parseInt would also take other scripts' digits
        if (raw.length() <= 9 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int seconds = Integer.parseInt(raw);
            if (seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        }
        throw new HttpProblem(400, "bad_parameter", "wait must be a whole number of seconds from 0 to "
                + MAX_WAIT_SECONDS + ", was '" + (raw.length() > 20 ? raw.substring(0, 20) + "..." : raw) + "'");
    }
}
