package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's migration: its saved state, its two delivery gates and the steps that move it
 * from phase to phase (the producer switch, the cutover request, the handoff). Each
 * transition is saved before it acts.
 *
 * <p>Concurrency: every step that changes the topic runs under the topic's lock
 * ({@link TopicLock}), taken by request threads ({@link #switchProducer}, {@link #prepare},
 * {@link #producersSwitched}, {@link #requestCutover}), by a hook thread recording a hook call
 * made ({@link TopicHooks}; the calls themselves run without it), by a handoff thread when the legacy consumer reports the commit that drained it
 * ({@link #legacyCommitted}, see {@link HandoffTriggers}), and by the topic's own monitor thread
 * ({@link #tick}, see {@link MonitorRound}, which skips a round while another holds it), so two
 * concurrent cutover requests make one handoff. Reads ({@link #state}, {@link #lastDrainReport},
 * the gates) take no lock: the fields they read are volatile or final.
 *
 * <p>Lifecycle: {@link #load} once before any route starts, {@link #startConsumers} once all
 * routes started, {@link #shutDownGates} when the app begins to stop.
 */
public final class TopicMigration {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private final TopicConfig topic;
    private final MigrationServices services;
    private final TopicLock lock;
    private final SwitchToCkafka switching;
    private final Handoff handoff;
    private final DrainWatch drainWatch = new DrainWatch();
    private final WaitingConsumer waitingConsumer = new WaitingConsumer();
    private final VerifiedMembership membership;
    private final HandoffTriggers triggers;
    private final MonitorRound round;
    private final HandoffHolds holds;
    private final OperatorAcceptance acceptance;
    private final TopicStart start;
    private final OffsetReadHealth offsetHealth;
    private final TopicHooks hooks;
    /** The watch over external consumer services; null for hosted consumers. */
    private final ExternalConsumers externalConsumers;
    private volatile MigrationState state;
    private volatile DeliveryGate legacyGate;
    private volatile DeliveryGate ckafkaGate;
    /** The waiting CKafka consumer waits for its topic to exist (guarded by the topic's lock). */
    private boolean ckafkaConsumerDeferred;

    TopicMigration(TopicConfig topic, MigrationServices services, Executor routeStopper, Executor handoffs,
                   ScheduledExecutorService hookThreads) {
        this.topic = topic;
        this.services = services;
        this.lock = new TopicLock(this);
        this.offsetHealth = new OffsetReadHealth(topic.name());
        this.hooks = new TopicHooks(topic, services.external().hooks(), hookThreads, () -> state, this::hookDone,
                services.audit(), services.clock());
        this.switching = new SwitchToCkafka(this, services);
        this.handoff = new Handoff(this, services, routeStopper);
        this.membership = new VerifiedMembership(topic, services, waitingConsumer);
        this.externalConsumers = topic.externalConsumers() ? new ExternalConsumers(this, services) : null;
        ExternalHandoff external = topic.externalConsumers()
                ? new ExternalHandoff(this, services, handoff, externalConsumers, hooks) : null;
        this.triggers = new HandoffTriggers(this, switching, handoff, external, drainWatch, lock, handoffs);
        this.round = new MonitorRound(this, switching, handoff, drainWatch, membership, triggers, lock, services,
                offsetHealth, externalConsumers);
        this.holds = new HandoffHolds(this, services);
        this.acceptance = new OperatorAcceptance(this, services);
        this.start = new TopicStart(topic, services);
    }

    public TopicConfig config() {
        return topic;
    }

    public MigrationState state() {
        return state;
    }

    /**
     * The drain measured by the last monitor round, if the topic is draining and that round
     * measured the current drain target (not one the operator has moved since).
     */
    public Optional<DrainReport> lastDrainReport() {
        return round.lastReport().filter(r -> r.targets().equals(state.drainTarget()));
    }

    /**
     * Why the topic is not ready: a cluster whose offsets its monitor rounds have not read for
     * {@link OffsetReadHealth#GRACE}; empty when ready ({@link OffsetReadHealth}).
     */
    public Optional<String> offsetReadProblem() {
        return offsetReadProblem(System.nanoTime());
    }

    /** As {@link #offsetReadProblem()}, at {@code nowNanos} ({@link System#nanoTime()}). */
    Optional<String> offsetReadProblem(long nowNanos) {
        return offsetHealth.problem(state.phase(), nowNanos);
    }

    /** The topic's readiness learns what a request (the switch) read, as from a monitor round. */
    OffsetReadHealth offsetHealth() {
        return offsetHealth;
    }

    /** What holds the handoff besides the drain, and what retention removed unread. */
    public HoldReport holdReport() {
        return holds.report();
    }

    /**
     * The CKafka consumer found, as it was let go, that retention deleted records below where it
     * waited ({@code logStart} per partition): those partitions stay paused until the operator
     * accepts the loss. Called on the consumer's thread.
     */
    public void ckafkaExpiredAtRelease(Map<Integer, Long> logStart) {
        holds.expiredAtRelease(state.ckafkaStartOffsets(), logStart);
    }

    HandoffHolds holds() {
        return holds;
    }

    public DeliveryGate legacyGate() {
        return legacyGate;
    }

    public DeliveryGate ckafkaGate() {
        return ckafkaGate;
    }

    /** The topic's hook calls ({@link Hook}). */
    TopicHooks hooks() {
        return hooks;
    }

    /** Every hook's status, in the order of {@link Hook}. */
    public Map<Hook, HookStatus> hookStatus() {
        return hooks.status();
    }

    /** The watch over the topic's external consumer services; empty for hosted consumers. */
    public Optional<ExternalConsumersView> externalConsumers() {
        ExternalConsumers watch = externalConsumers;
        return watch == null ? Optional.empty() : Optional.of(new ExternalConsumersView(watch.legacyGroupMembers(),
                watch.ckafkaGroupMembers(), watch.findings()));
    }

    /** External producers: how long the legacy end offsets have not moved (quiet period on and looked at). */
    public Optional<java.time.Duration> legacyEndUnchanged() {
        return switching.legacyEndUnchanged();
    }

    /** The ordered topic's CKafka consumer while it waits for the handoff (see {@link WaitingConsumer}). */
    public WaitingConsumer waitingConsumer() {
        return waitingConsumer;
    }

    /** The last look at the CKafka group that found no foreign member. */
    VerifiedMembership membership() {
        return membership;
    }

    /**
     * The legacy consumer committed {@code offsets} (partition to next offset); called on its
     * thread right after the commit returned. The commit that reaches the drain target queues
     * the handoff at once, without waiting for the monitor's next round.
     */
    public void legacyCommitted(Map<Integer, Long> offsets) {
        triggers.legacyCommitted(offsets);
    }

    /**
     * The operator moved the drain target: from now on it is watched instead, and a handoff is
     * queued at once if the legacy group has already consumed up to it.
     */
    void retargetDrain(Map<Integer, Long> target) {
        if (drainWatch.retarget(target, System.nanoTime())) {
            triggers.queueHandoff();
        }
    }

    /** @see OperatorAcceptance#acceptStrayWrites */
    public MigrationState acceptStrayWrites() throws InterruptedException {
        return lock.locked(() -> acceptance.acceptStrayWrites());
    }

    /** @see OperatorAcceptance#acceptExpiredBacklog */
    public MigrationState acceptExpiredBacklog() throws InterruptedException {
        return lock.locked(() -> acceptance.acceptExpiredBacklog());
    }

    /** From now on the drain is watched against {@code target}; {@code committed} is what the group had. */
    void watchDrain(Map<Integer, Long> target, Map<Integer, Long> committed) {
        drainWatch.watch(target, committed, System.nanoTime());
    }

    /**
     * Reads the saved phase (or saves LEGACY for a new topic, see {@link TopicStart}) and sets the
     * producer and the gates. Runs before any route starts, so no record is sent before its
     * phase is known.
     *
     * @throws StateStoreException   if the saved state cannot be read, or was lost after a switch
     * @throws StartRefusedException if the saved state or the route file cannot be used as they are
     */
    void load() {
        MigrationState loaded = start.load(this::save);
        state = loaded;
        Phase phase = loaded.phase();
        services.producers().initialise(topic.name(), phase);
        if (topic.externalProducers()) {
            services.producers().external(topic.name());
        }
        legacyGate = DeliveryGate.ofLegacyConsumer(topic, phase);
        ckafkaGate = DeliveryGate.ofCkafkaConsumer(topic, phase);
    }

    /**
     * Starts the consumer routes the saved phase calls for.
     *
     * @param ckafkaTopicMissing the CKafka topic does not exist yet ({@link TopicStart#startConsumers})
     */
    void startConsumers(boolean ckafkaTopicMissing) throws InterruptedException {
        lock.locked(() -> {
            ckafkaConsumerDeferred = start.startConsumers(state, waitingConsumer, switching, ckafkaTopicMissing);
            requestOwedHooks();
            return null;
        });
        LOG.info("Migration resumed: topic={} phase={} producer={} ordering={} producers={} consumers={}", topic.name(),
                state.phase(), topic.externalProducers() ? "external" : state.phase().producerCluster(), topic.ordering(),
                topic.producers().value(), topic.consumers().value());
    }

    /**
     * After a restart, the hook calls of the saved phase that no run made: its on-phase call, and
     * the start hook of a MIGRATED topic's external consumers (the others come with the steps
     * that call for them). Calls recorded as made are not repeated ({@link TopicHooks}).
     */
    private void requestOwedHooks() {
        Phase phase = state.phase();
        if (phase == Phase.LEGACY) {
            return;
        }
        Phase previous = state.transitions().keySet().stream().filter(p -> p.compareTo(phase) < 0)
                .max(Phase::compareTo).orElse(null);
        hooks.request(Hook.ON_PHASE, previous);
        if (phase == Phase.MIGRATED && topic.externalConsumers()) {
            hooks.request(Hook.START_CKAFKA_CONSUMERS, null);
        }
    }

    /**
     * The CKafka topic exists now (provisioned, or created by hand): the waiting consumer left
     * unstarted for it starts, so it joins its group before the switch needs it. Nothing when
     * the consumers have not started yet (they start it then) or it runs already.
     */
    void ckafkaTopicFound() throws InterruptedException {
        lock.locked(() -> {
            if (ckafkaConsumerDeferred) {
                ckafkaConsumerDeferred = false;
                services.routes().start(topic.ckafkaConsumerRoute());
                LOG.info("CKafka consumer started: topic={} ckafkaTopic={} (its topic exists now)", topic.name(),
                        topic.ckafkaTopic());
            }
            return null;
        });
    }

    /**
     * LEGACY to DRAINING: new records go to CKafka. Once DRAINING is saved the switch cannot be
     * undone; a step after that which fails is reported in {@code lastError} and finished by a
     * repeated request or by the monitor, never answered as if nothing changed.
     *
     * @throws SwitchUnmeasurableException if what the handoff will need cannot be read: nothing moved
     */
    public MigrationState switchProducer() throws InterruptedException {
        return lock.locked(() -> {
            switching.run();
            triggers.requestIfAutoCutover();
            return state;
        });
    }

    /**
     * External producers, LEGACY to DRAINING before the operator repoints them: the CKafka start
     * offsets captured and given to the CKafka group (see {@link SwitchToCkafka#prepare}).
     */
    public MigrationState prepare() throws InterruptedException {
        return lock.locked(() -> {
            switching.prepare();
            return state;
        });
    }

    /** External producers: they all write to CKafka now; the drain target is captured (see {@link SwitchToCkafka#producersSwitched}). */
    public MigrationState producersSwitched() throws InterruptedException {
        return lock.locked(() -> {
            switching.producersSwitched();
            triggers.requestIfAutoCutover();
            return state;
        });
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained. The CKafka consumer has been joined, and held, since the switch.
     */
    public MigrationState requestCutover() throws InterruptedException {
        return lock.locked(() -> {
            triggers.requestCutover();
            return state;
        });
    }

    /**
     * One monitor round: measures the drain and hands the topic over once it is ready; skipped
     * while the topic is busy with a request (see {@link MonitorRound}).
     */
    void tick() throws InterruptedException {
        round.tick();
    }

    /** The legacy group against the drain target, right now (no lock: reads only). */
    public DrainReport measureDrain() {
        return handoff.measureDrain(state);
    }

    /**
     * Called when the app begins to stop, before its routes stop: a consumer held at its gate
     * gives its record back (uncommitted, so it is delivered after the restart) instead of
     * keeping the shutdown waiting.
     */
    void shutDownGates() {
        legacyGate.shutDown();
        ckafkaGate.shutDown();
        hooks.close();
    }

    /** Saves {@code next} as the topic's state and records a transition or a captured drain target. */
    MigrationState save(MigrationState next) {
        MigrationState before = state;
        services.store().save(next);
        state = next;
        // Which side is whose: a transition of external services is read differently from the app's own.
        AuditEvent.ofSave(before, next, services.clock().instant())
                .map(e -> e.with("producers", topic.producers().value()).with("consumers", topic.consumers().value()))
                .ifPresent(services.audit()::record);
        if (before != null && before.phase() != next.phase()) {
            hooks.request(Hook.ON_PHASE, before.phase());
        }
        return next;
    }

    /** A hook call succeeded: recorded in the saved state, so a restart does not make it again. */
    private void hookDone(String doneKey) {
        try {
            lock.locked(() -> {
                if (!state.hooksDone().contains(doneKey)) {
                    services.store().save(state.withHookDone(doneKey));
                    state = state.withHookDone(doneKey);
                }
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording hook call " + doneKey, e);
        }
    }

    /** Runs a safety check; a refusal is saved as the topic's last error before it reaches the caller. */
    void refuseRecorded(Runnable check) {
        try {
            check.run();
        } catch (HandoffRefusedException e) {
            save(state.withError(e.getMessage()));
            throw e;
        }
    }
}
