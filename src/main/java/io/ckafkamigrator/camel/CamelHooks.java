package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.HookCall;
import io.ckafkamigrator.core.Hooks;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;

/**
 * The hook routes of the topic files: a call is an exchange sent to the route's own consumer
 * endpoint (its {@code from}, normally {@code direct:<route id>}), with the call as a JSON body
 * and its facts as headers; the call failed when the exchange did (an {@code http:} step
 * answered an error status, a Kubernetes call was refused). The route ids are
 * {@code <topic>-stop-legacy-consumers}, {@code <topic>-start-ckafka-consumers} and
 * {@code <topic>-on-phase} ({@link io.ckafkamigrator.core.Hook}).
 *
 * <p>Concurrency: the producer template is thread-safe; a call blocks the calling hook thread
 * for the route's run, at most {@link #CALL_TIMEOUT}. Lifecycle: made when the control is built; the template starts at the
 * first call and stops with the context.
 */
final class CamelHooks implements Hooks {

    static final String TOPIC_HEADER = "CkafkaMigratorTopic";
    static final String HOOK_HEADER = "CkafkaMigratorHook";
    static final String PHASE_HEADER = "CkafkaMigratorPhase";
    static final String PREVIOUS_PHASE_HEADER = "CkafkaMigratorPreviousPhase";

    /** The longest a hook thread waits for one call; a slow hook then fails and is retried. */
    static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final CamelContext context;
    private volatile ProducerTemplate template;

    CamelHooks(CamelContext context) {
        this.context = context;
    }

    @Override
    public boolean defined(String routeId) {
        // The definitions are loaded before the routes are built: asked early, the answer is the same.
        return context.getRoute(routeId) != null
                || ((ModelCamelContext) context).getRouteDefinition(routeId) != null;
    }

    @Override
    public void call(String routeId, HookCall call) throws Exception {
        Route route = context.getRoute(routeId);
        if (route == null) {
            throw new IllegalStateException("hook route '" + routeId + "' is not running");
        }
        java.util.concurrent.CompletableFuture<Exchange> sent = template().asyncSend(route.getEndpoint(), exchange -> {
            exchange.getMessage().setBody(call.json());
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setHeader(TOPIC_HEADER, call.topic().name());
            exchange.getMessage().setHeader(HOOK_HEADER, call.hook().suffix());
            exchange.getMessage().setHeader(PHASE_HEADER, call.phase().name());
            if (call.previous() != null) {
                exchange.getMessage().setHeader(PREVIOUS_PHASE_HEADER, call.previous().name());
            }
        });
        Exchange done;
        try {
            done = sent.get(CALL_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Counted as failed and retried; the route may still finish this call, so hooks must be idempotent.
            throw new IllegalStateException("hook route '" + routeId + "' did not finish within " + CALL_TIMEOUT.toSeconds()
                    + " s (set the timeouts of its endpoints shorter)", e);
        }
        if (done.getException() != null) {
            throw done.getException();
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
