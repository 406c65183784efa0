package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's hook calls: each hook's calls made one at a time, in the order they were asked
 * for, each retried until it succeeds, with a delay that doubles from {@link #FIRST_RETRY} up to
 * {@link #LAST_RETRY}. The hooks are independent: a failing on-phase webhook never delays the
 * start or the stop of the services. A stop call still owed once the topic is MIGRATED is
 * dropped (the old services are gone: the handoff saw their group empty). A call that succeeded is recorded in the saved state
 * ({@code markDone}), so a restart makes only the calls still owed; one asked for again while
 * queued, or after it succeeded, is not made twice. Every first failure of a call and its
 * success are audited; each failure is logged.
 *
 * <p>Concurrency: {@link #request} is called under the topic's lock and only queues; the calls
 * run on the shared hook threads ({@code migration-hook-*}), never under the topic's lock, so a
 * slow webhook holds up no request and no monitor round. The queue and the figures are guarded
 * by {@code this}.
 */
final class TopicHooks {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final TopicConfig topic;
    private final Hooks hooks;
    private final ScheduledExecutorService threads;
    private final Supplier<MigrationState> state;
    private final Consumer<String> markDone;
    private final AuditTrail audit;
    private final Clock clock;
    /** Each hook's calls still owed, oldest first. */
    private final Map<Hook, ArrayDeque<HookCall>> queues = new EnumMap<>(Hook.class);
    private final Map<Hook, Figures> figures = new EnumMap<>(Hook.class);
    /** The hooks whose head call is being made or has its retry scheduled. */
    private final java.util.Set<Hook> running = java.util.EnumSet.noneOf(Hook.class);
    private boolean closed;
    /** The hooks whose route the topic file has: fixed once the routes are loaded ({@link Hooks}, 1.). */
    private final java.util.Set<Hook> defined = java.util.EnumSet.noneOf(Hook.class);

    private static final class Figures {
        long attempts;
        long failures;
        String lastError;
        java.time.Instant lastCall;
    }

    TopicHooks(TopicConfig topic, Hooks hooks, ScheduledExecutorService threads, Supplier<MigrationState> state,
               Consumer<String> markDone, AuditTrail audit, Clock clock) {
        this.topic = topic;
        this.hooks = hooks;
        this.threads = threads;
        this.state = state;
        this.markDone = markDone;
        this.audit = audit;
        this.clock = clock;
        for (Hook hook : Hook.values()) {
            queues.put(hook, new ArrayDeque<>());
            if (hooks.defined(hook.routeId(topic.name()))) {
                defined.add(hook);
            }
        }
    }

    boolean defined(Hook hook) {
        return defined.contains(hook);
    }

    /**
     * Asks for {@code hook}'s call for the topic's current state; nothing when the topic has no
     * such route, the saved state records the call as made, or it is queued already.
     */
    void request(Hook hook, Phase previous) {
        if (!defined(hook)) {
            return;
        }
        HookCall call = HookCall.of(hook, topic, state.get(), previous, clock.instant());
        synchronized (this) {
            ArrayDeque<HookCall> queue = queues.get(hook);
            if (closed || state.get().hooksDone().contains(call.doneKey())
                    || queue.stream().anyMatch(q -> q.doneKey().equals(call.doneKey()))) {
                return;
            }
            queue.add(call);
            if (running.add(hook)) {
                schedule(hook, Duration.ZERO, 1);
            }
        }
    }

    /** Whether {@code hook} waits to be made or retried. */
    synchronized boolean pending(Hook hook) {
        return !queues.get(hook).isEmpty();
    }

    /** Every hook's status, in the order of {@link Hook}. */
    synchronized Map<Hook, HookStatus> status() {
        Map<Hook, HookStatus> all = new LinkedHashMap<>();
        for (Hook hook : Hook.values()) {
            if (!defined(hook)) {
                all.put(hook, HookStatus.undefined());
                continue;
            }
            Figures f = figures.getOrDefault(hook, new Figures());
            all.put(hook, new HookStatus(true, !queues.get(hook).isEmpty(), f.attempts, f.failures,
                    Optional.ofNullable(f.lastError), Optional.ofNullable(f.lastCall)));
        }
        return all;
    }

    /** The app stops: queued calls are left (a restart makes those still owed), none starts. */
    synchronized void close() {
        closed = true;
        List<String> left = queues.values().stream().flatMap(ArrayDeque::stream).map(HookCall::doneKey).toList();
        if (!left.isEmpty()) {
            LOG.info("Hook calls left for the next start: topic={} hooks={}", topic.name(), left);
        }
    }

    private void schedule(Hook hook, Duration delay, int attempt) {
        try {
            threads.schedule(() -> callHead(hook, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            running.remove(hook); // the app stops
        }
    }

    /** Makes {@code hook}'s call at the head of its queue ({@code attempt}: its how-many-th try). */
    private void callHead(Hook hook, int attempt) {
        HookCall call;
        synchronized (this) {
            call = queues.get(hook).peek();
            if (call != null && hook.obsoleteIn(state.get().phase())) {
                LOG.info("Hook call dropped: topic={} hook={} (it has no point in phase {})",
                        topic.name(), hook.suffix(), state.get().phase());
                queues.get(hook).poll();
                call = queues.get(hook).peek();
            }
            if (call == null || closed) {
                running.remove(hook);
                return;
            }
        }
        Throwable failure = null;
        try {
            hooks.call(call.routeId(), call);
        } catch (Throwable e) {
            // Anything, an Error included: the call is retried, and the hook's queue never stalls.
            failure = e;
        }
        if (failure == null) {
            succeeded(call, attempt);
        } else {
            failed(call, attempt, failure);
        }
    }

    private void succeeded(HookCall call, int attempt) {
        // Saved before the call leaves the queue: a restart in between makes it again, never skips it.
        try {
            markDone.accept(call.doneKey());
        } catch (RuntimeException e) {
            failed(call, attempt, e);
            return;
        }
        LOG.info("Hook called: topic={} hook={} route={} phase={} attempts={}", topic.name(), call.hook().suffix(),
                call.routeId(), call.phase(), attempt);
        audit.record(event(call, "succeeded", attempt, null));
        synchronized (this) {
            Figures f = figures.computeIfAbsent(call.hook(), h -> new Figures());
            f.attempts++;
            f.lastError = null;
            f.lastCall = clock.instant();
            ArrayDeque<HookCall> queue = queues.get(call.hook());
            queue.poll();
            if (queue.isEmpty() || closed) {
                running.remove(call.hook());
            } else {
                schedule(call.hook(), Duration.ZERO, 1);
            }
        }
    }

    private void failed(HookCall call, int attempt, Throwable failure) {
        String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        Duration retry = retryDelay(attempt);
        LOG.warn("Hook failed, retrying: topic={} hook={} route={} attempt={} retryInMs={} error={}", topic.name(),
                call.hook().suffix(), call.routeId(), attempt, retry.toMillis(), error);
        if (attempt == 1) {
            audit.record(event(call, "failed", attempt, error));
        }
        synchronized (this) {
            Figures f = figures.computeIfAbsent(call.hook(), h -> new Figures());
            f.attempts++;
            f.failures++;
            f.lastError = error;
            f.lastCall = clock.instant();
            if (closed) {
                running.remove(call.hook());
                return;
            }
            schedule(call.hook(), retry, attempt + 1);
        }
    }

    /** 1 s after the first failure, doubling, at most {@link #LAST_RETRY}. */
    static Duration retryDelay(int failedAttempt) {
        long millis = FIRST_RETRY.toMillis() << Math.min(failedAttempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, LAST_RETRY.toMillis()));
    }

    private AuditEvent event(HookCall call, String outcome, int attempts, String error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("hook", call.hook().suffix());
        details.put("route", call.routeId());
        details.put("phase", call.phase().name());
        details.put("outcome", outcome);
        details.put("attempts", attempts);
        details.put("error", error);
        return new AuditEvent(clock.instant(), topic.name(), "hook", details);
    }
}
