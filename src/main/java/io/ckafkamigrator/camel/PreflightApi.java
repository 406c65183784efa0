package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.PreflightRun;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/migrations/{topic}/preflight} and {@code GET /api/migrations/preflight}: the
 * preflight checks of the running app's topics (README "Preflight"), with the drain rates its
 * metrics sampler measured. Reads only, so not audited. Until the control is attached it
 * answers 503 like the rest of the API; an unknown topic is a 404.
 *
 * <p>Concurrency: attached once on the starting thread; each request runs its reads on its
 * HTTP worker thread, independently of other requests.
 */
public final class PreflightApi {

    private volatile MigrationControl control;
    private volatile PreflightRun run;

    void attach(MigrationControl control, PreflightRun run) {
        this.run = run;
        this.control = control;
    }

    /** {@code GET /api/migrations/{topic}/preflight}. */
    public void topic(Exchange exchange) {
        String topic = MigrationApi.topic(exchange);
        MigrationControl c = ready();
        JsonAnswer.write(exchange, 200, run.topic(c.topic(topic)).asMap());
    }

    /** {@code GET /api/migrations/preflight}: every topic's, with the gravest result as the run's. */
    public void all(Exchange exchange) {
        MigrationControl c = ready();
        JsonAnswer.write(exchange, 200, run.all(c.topics()).asMap());
    }

    private MigrationControl ready() {
        MigrationControl c = control;
        if (c == null || run == null) {
            throw HttpProblem.starting();
        }
        return c;
    }
}
