package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.ckafkamigrator.core.DaemonThreads;
import io.ckafkamigrator.core.Phase;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch control requests, called from routes/control.yaml:
 * {@code POST /api/migrations/switch-producer?topics=a,b,c} and
 * {@code POST /api/migrations/cutover?topics=a,b[&wait=SECONDS]} ({@code topics=*}: every
 * configured topic). Each topic's request is its single request's ({@link TopicRequests});
 * the answer holds one {@link TopicResult} per topic ({@link BatchAnswer}).
 * <ol>
 *   <li>A malformed request ({@link BatchTopics}, {@code wait}) or a control still starting is
 *       refused as a whole before any topic is touched, with the single request's JSON error.</li>
 *   <li>Topics run concurrently on one pool of {@code migration.batch.parallelism} threads
 *       shared by every batch (the others queue); each topic's outcome is caught on its own, so
 *       one failing topic never stops or delays the others' results.</li>
 *   <li>Neither request holds an HTTP worker thread: the methods return a future completed once
 *       every topic has its result (a cutover's once MIGRATED or its wait ended), and the route's
 *       consumer answers then ({@link AsyncAnswerEngine}). A cutover's wait holds no pool thread
 *       either ({@link RequestWaits}).</li>
 *   <li>Each topic is audited as its single request would be, as soon as its result is known
 *       ({@link ControlAudit#recordTopic}); the batch itself is not recorded again.</li>
 *   <li>When the app stops, waiting cutovers end at once ({@link MigrationApi#answerWaiting}), and
 *       the batch is answered with the phases as they are.</li>
 * </ol>
 * Lifecycle: the pool's threads, and those that record each topic's result, are daemons that
 * end when idle; neither is shut down, so a batch under way while the app stops is still answered.
 */
public final class BatchControl {

    /** The batch paths, answered asynchronously ({@link AsyncAnswerEngine}). */
    static final String SWITCH_PATH = "/api/migrations/switch-producer";
    static final String CUTOVER_PATH = "/api/migrations/cutover";

    private static final Logger LOG = LoggerFactory.getLogger(BatchControl.class);
    private static final long IDLE_SECONDS = 30;

    private final TopicRequests requests;
    private final ExecutorService pool;
    // Each topic's result is audited (a write forced to disk) apart from the pool, where it would
    // queue behind the other topics' requests, and never on the scheduler of the cutover waits.
    private final ExecutorService recorders = Executors.newCachedThreadPool(DaemonThreads.named("migration-batch-result-"));
    private final HttpErrorResponse errors = new HttpErrorResponse();
    private volatile ControlAudit audit;

    /** @param parallelism how many topics are worked on at once, all batches together */
    BatchControl(TopicRequests requests, int parallelism) {
        this.requests = requests;
        ThreadPoolExecutor threads = new ThreadPoolExecutor(parallelism, parallelism, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("migration-batch-"));
        threads.allowCoreThreadTimeOut(true);
        this.pool = threads;
    }

    /** From now on each topic's request is recorded by {@code audit}; until then batches answer 503 starting. */
    void audit(ControlAudit audit) {
        this.audit = audit;
    }

    /** {@code POST /api/migrations/switch-producer?topics=…}: each topic 200 once switched, as its single request. */
    public CompletableFuture<Void> switchProducer(Exchange exchange) {
        List<String> topics = topics(exchange);
        return run(exchange, topics, topic -> {
            requests.switchProducer(topic);
            return CompletableFuture.completedFuture(null);
        }, phase -> 200);
    }

    /** {@code POST /api/migrations/cutover?topics=…[&wait=SECONDS]}: each topic 200 once MIGRATED, else 202. */
    public CompletableFuture<Void> cutover(Exchange exchange) {
        int waitSeconds = MigrationApi.waitSeconds(exchange.getMessage().getHeader("wait", String.class));
        List<String> topics = topics(exchange);
        return run(exchange, topics, topic -> requests.cutover(topic, waitSeconds),
                phase -> phase.filter(p -> p == Phase.MIGRATED).isPresent() ? 200 : 202);
    }

    /** The batch's topics; refused as a whole when malformed or while the control starts. */
    private List<String> topics(Exchange exchange) {
        List<String> topics = BatchTopics.parse(exchange.getMessage().getHeader("topics"), requests::topics);
        requests.topics(); // 503 starting until the control is attached, whatever the list
        if (audit == null) {
            throw HttpProblem.starting();
        }
        return topics;
    }

    /** One topic's request: started on a pool thread, its future completed when it is done. */
    @FunctionalInterface
    private interface TopicRequest {
        CompletableFuture<Void> start(String topic) throws InterruptedException;
    }

    /** The status of a topic whose request succeeded, from its phase afterwards. */
    @FunctionalInterface
    private interface SuccessStatus {
        int of(Optional<Phase> phase);
    }

    private CompletableFuture<Void> run(Exchange batch, List<String> topics, TopicRequest request, SuccessStatus success) {
        ControlAudit recorder = audit;
        recorder.perTopic(batch);
        List<CompletableFuture<TopicResult>> results = new ArrayList<>();
        for (String topic : topics) {
            results.add(CompletableFuture.supplyAsync(() -> start(request, topic), pool)
                    .thenCompose(Function.identity())
                    .handleAsync((done, error) -> result(batch, recorder, topic, error, success), recorders));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<TopicResult> answered = results.stream().map(CompletableFuture::join).toList();
            BatchAnswer.write(batch, answered);
            LOG.info("Batch request answered: route={} topics={} status={} refused={}", batch.getFromRouteId(),
                    answered.size(), BatchAnswer.status(answered),
                    answered.stream().filter(r -> !r.succeeded()).map(r -> r.topic() + "=" + r.status()).toList());
        });
    }

    private static CompletableFuture<Void> start(TopicRequest request, String topic) {
        try {
            return request.start(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The topic's result, audited: a failure gets the JSON error {@link HttpErrorResponse} gives the
     * single request, on an exchange of its own that holds that request's answer.
     */
    private TopicResult result(Exchange batch, ControlAudit recorder, String topic, Throwable error,
            SuccessStatus success) {
        Optional<Phase> phase = phaseOf(topic);
        Exchange answer = new DefaultExchange(batch.getContext());
        if (error == null) {
            answer.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, success.of(phase));
        } else {
            answer.getExchangeExtension().setFromRouteId(batch.getFromRouteId());
            answer.setProperty(Exchange.EXCEPTION_CAUGHT, cause(error));
            errors.process(answer);
        }
        recorder.recordTopic(batch, topic, answer);
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new TopicResult(topic, status, phase.map(Phase::name).orElse(null),
                status < 300 ? null : answer.getMessage().getBody(String.class));
    }

    private Optional<Phase> phaseOf(String topic) {
        try {
            return requests.phase(topic);
        } catch (RuntimeException e) {
            return Optional.empty(); // the result still says what the request answered
        }
    }

    private static Exception cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Exception e ? e : new IllegalStateException(cause);
    }

}
