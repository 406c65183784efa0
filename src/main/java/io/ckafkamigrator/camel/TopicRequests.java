package io.ckafkamigrator.camel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.ckafkamigrator.core.Phase;

/**
 * The single-topic control requests as a batch makes them for each of its topics
 * ({@link BatchControl}), implemented by {@link MigrationApi} over the code paths of its own
 * single-topic requests.
 * <ol>
 *   <li>A request takes its topic's request slot ({@code core/RequestSlots}) as the single
 *       request does, so a batch's topic and a single request of that topic exclude each other
 *       ({@code 409 request_in_progress}); a cutover holds it until its wait ended.</li>
 *   <li>A refusal is thrown as the single request throws it, for {@link HttpErrorResponse} to
 *       answer: the same status and error code.</li>
 *   <li>Safe to call from any thread, for any number of topics at once.</li>
 * </ol>
 */
interface TopicRequests {

    /** Every configured topic in route-file order; {@code 503 starting} until the control is attached. */
    List<String> topics();

    /** The topic's phase now; empty for a topic no route file defines. */
    Optional<Phase> phase(String topic);

    /** As {@code POST /api/migrations/{topic}/switch-producer}, without its answer. */
    void switchProducer(String topic) throws InterruptedException;

    /**
     * As {@code POST /api/migrations/{topic}/cutover?wait=}, without its answer: requests the
     * cutover on the calling thread, then completes once the topic is {@code MIGRATED} or the wait
     * ended (at once when the app stops), without a thread waiting for it.
     */
    CompletableFuture<Void> cutover(String topic, int waitSeconds) throws InterruptedException;
}
