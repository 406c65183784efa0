package io.ckafkamigrator.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The three moments of Camel's lifecycle the migrator hooks into, each with the pitfall that
 * made it the right hook.
 */
final class CamelLifecycle {

    private CamelLifecycle() {
    }

    /**
     * Runs {@code action} once, when every route has started. Not in onCamelContextStarted:
     * Camel calls that again each time a route is started (the CKafka consumer at the switch, …).
     */
    static void onFullyStarted(CamelContext context, String what, Runnable action) {
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                    // see above
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                    action.run();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + what + " with Camel", e);
        }
    }

    /**
     * Runs {@code action} when the app begins to stop, before its routes stop. The notifier
     * declines every exchange, route and step event: Camel prepares exchange events, several per
     * record and step, as soon as one notifier does not decline them (with Micrometer's
     * route-event notifier, which does not, that was 12 % of a consumer route thread's CPU,
     * docs/benchmarks.md).
     */
    static void onStopping(CamelContext context, Runnable action) {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    action.run();
                }
            }
        };
        notifier.setIgnoreExchangeEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreStepEvents(true);
        notifier.setIgnoreServiceEvents(true);
        context.getManagementStrategy().addEventNotifier(notifier);
    }

    /**
     * Runs {@code action} when the CamelContext stops, after its routes (consumers have
     * committed). A SIGTERM stops the context from a shutdown hook, where a main listener's
     * afterStop would be too late.
     */
    static void onContextStop(CamelContext context, Runnable action) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    action.run();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register a stop action with Camel", e);
        }
    }
}
