package io.ckafkamigrator.camel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ckafkamigrator.core.AuditEvent;
import io.ckafkamigrator.core.AuditTrail;
import io.ckafkamigrator.core.IllegalPhaseException;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.UnknownTopicException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The batch requests over stand-in single-topic requests: each topic answered as its single
 * request, concurrently within the pool's bound, one failure never stopping the others, each
 * topic audited with its own result, and the cutover answered only once every wait ended.
 */
class BatchControlTest {

    private final CamelContext context = new DefaultCamelContext();
    private final FakeRequests requests = new FakeRequests(List.of("a", "b", "c"));
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

    private BatchControl batch(int parallelism) {
        return batch(parallelism, requests);
    }

    private BatchControl batch(int parallelism, TopicRequests over) {
        BatchControl batch = new BatchControl(over, parallelism);
        batch.audit(recordingAudit());
        return batch;
    }

    /** The real audit, recording into {@link #audited}. */
    private ControlAudit recordingAudit() {
        return new ControlAudit(new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
                audited.add(event);
            }

            @Override
            public List<String> history(String topic) {
                return List.of();
            }
        }, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    private Exchange request(String path, String topics, String wait) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
        exchange.getMessage().setHeader("topics", topics);
        exchange.getMessage().setHeader("wait", wait);
        new ControlAudit(AuditTrail.NONE, Clock.systemUTC()).begin(exchange);
        return exchange;
    }

    private static String body(Exchange exchange) {
        return exchange.getMessage().getBody(String.class);
    }

    @Test
    void shouldAnswerEveryOtherTopicWhenOneIsRefused() throws Exception {
        // Given
        requests.refuse("b", new IllegalPhaseException("b", Phase.MIGRATED, "switch-producer"));
        Exchange exchange = request(BatchControl.SWITCH_PATH, "a,b,c,unknown", null);

        // When
        batch(2).switchProducer(exchange).get(10, TimeUnit.SECONDS);

        // Then
        assertThat(requests.switched).containsExactlyInAnyOrder("a", "c");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(207);
        assertThat(body(exchange)).startsWith("{\"results\":[{\"topic\":\"a\",\"status\":200,\"phase\":\"DRAINING\",\"error\":null},"
                + "{\"topic\":\"b\",\"status\":409,\"phase\":\"MIGRATED\",\"error\":{\"error\":\"wrong_phase\",")
                .contains("{\"topic\":\"c\",\"status\":200,\"phase\":\"DRAINING\",\"error\":null}",
                        "{\"topic\":\"unknown\",\"status\":404,\"phase\":null,\"error\":{\"error\":\"unknown_topic\"");
    }

    @Test
    void shouldAuditEachTopicWithItsOwnResultAndNotTheBatchAgain() throws Exception {
        // Given
        requests.refuse("b", new IllegalPhaseException("b", Phase.MIGRATED, "switch-producer"));
        Exchange exchange = request(BatchControl.SWITCH_PATH, "a,b", null);

        // When
        batch(2).switchProducer(exchange).get(10, TimeUnit.SECONDS);
        recordingAudit().end(exchange); // as the route's audit does once the batch is answered

        // Then
        assertThat(audited).extracting(AuditEvent::topic).containsExactlyInAnyOrder("a", "b");
        Map<String, Map<String, Object>> byTopic = new ConcurrentHashMap<>();
        audited.forEach(e -> byTopic.put(e.topic(), e.details()));
        assertThat(byTopic.get("a")).containsEntry("action", "switch-producer").containsEntry("status", 200)
                .containsEntry("result", "ok").containsEntry("query", "");
        assertThat(byTopic.get("b")).containsEntry("status", 409).containsEntry("result", "wrong_phase");
    }

    @Test
    void shouldNeverWorkOnMoreTopicsAtOnceThanItsParallelism() throws Exception {
        // Given
        List<String> topics = List.of("t1", "t2", "t3", "t4", "t5", "t6");
        FakeRequests slow = new FakeRequests(topics);
        CountDownLatch release = new CountDownLatch(1);
        slow.holdSwitchesUntil(release);
        CompletableFuture<Void> answered = batch(2, slow).switchProducer(request(BatchControl.SWITCH_PATH, "*", null));
        await().atMost(10, TimeUnit.SECONDS).until(() -> slow.running.get() == 2);

        // When
        release.countDown();

        // Then
        answered.get(10, TimeUnit.SECONDS);
        assertThat(slow.mostAtOnce.get()).isEqualTo(2);
        assertThat(slow.switched).containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void shouldAnswerABatchCutoverOnlyOnceEveryTopicsWaitEnded() throws Exception {
        // Given
        CompletableFuture<Void> waitOfB = new CompletableFuture<>();
        requests.waits.put("b", waitOfB);
        Exchange exchange = request(BatchControl.CUTOVER_PATH, "a,b", "60");
        CompletableFuture<Void> answered = batch(2).cutover(exchange);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audited.size() == 1);
        assertThat(answered).isNotDone();

        // When
        requests.phases.put("b", Phase.CUTTING_OVER);
        waitOfB.complete(null);

        // Then
        answered.get(10, TimeUnit.SECONDS);
        assertThat(requests.waitSeconds).containsOnly(60);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(body(exchange)).isEqualTo("{\"results\":[{\"topic\":\"a\",\"status\":200,\"phase\":\"MIGRATED\",\"error\":null},"
                + "{\"topic\":\"b\",\"status\":202,\"phase\":\"CUTTING_OVER\",\"error\":null}]}");
    }

    @Test
    void shouldRefuseAMalformedBatchBeforeTouchingAnyTopic() {
        // Given
        Exchange exchange = request(BatchControl.CUTOVER_PATH, "a,,b", "10");

        // When
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> batch(2).cutover(exchange));

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(requests.waitSeconds).isEmpty();
        assertThat(audited).isEmpty();
    }

    @Test
    void shouldRefuseABadWaitBeforeTouchingAnyTopic() {
        // Given
        Exchange exchange = request(BatchControl.CUTOVER_PATH, "a,b", "301");

        // When
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> batch(2).cutover(exchange));

        // Then
        assertThat(problem.code()).isEqualTo("bad_parameter");
        assertThat(requests.waitSeconds).isEmpty();
    }

    /** Single-topic requests that answer at once: switched topics DRAINING, cut over ones MIGRATED unless a wait is set. */
    private static final class FakeRequests implements TopicRequests {

        private final List<String> topics;
        final Map<String, Phase> phases = new ConcurrentHashMap<>();
        final Map<String, RuntimeException> refusals = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Void>> waits = new ConcurrentHashMap<>();
        final Set<String> switched = ConcurrentHashMap.newKeySet();
        final List<Integer> waitSeconds = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);

        FakeRequests(List<String> topics) {
            this.topics = topics;
            topics.forEach(t -> phases.put(t, Phase.LEGACY));
        }

        void refuse(String topic, RuntimeException refusal) {
            refusals.put(topic, refusal);
            phases.put(topic, refusal instanceof IllegalPhaseException p ? p.phase() : Phase.LEGACY);
        }

        void holdSwitchesUntil(CountDownLatch latch) {
            hold = latch;
        }

        @Override
        public List<String> topics() {
            return topics;
        }

        @Override
        public Optional<Phase> phase(String topic) {
            return Optional.ofNullable(phases.get(topic));
        }

        @Override
        public void switchProducer(String topic) throws InterruptedException {
            check(topic);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                hold.await(10, TimeUnit.SECONDS);
            } finally {
                running.decrementAndGet();
            }
            phases.put(topic, Phase.DRAINING);
            switched.add(topic);
        }

        @Override
        public CompletableFuture<Void> cutover(String topic, int seconds) {
            check(topic);
            waitSeconds.add(seconds);
            CompletableFuture<Void> wait = waits.get(topic);
            if (wait == null) {
                phases.put(topic, Phase.MIGRATED);
                return CompletableFuture.completedFuture(null);
            }
            return wait;
        }

        private void check(String topic) {
            if (!topics.contains(topic)) {
                throw new UnknownTopicException(topic);
            }
            RuntimeException refusal = refusals.get(topic);
            if (refusal != null) {
                throw refusal;
            }
        }
    }
}
