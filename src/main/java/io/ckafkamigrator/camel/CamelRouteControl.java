package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.core.RouteControl;
import org.apache.camel.CamelContext;

/** {@link RouteControl} through Camel's route controller. */
final class CamelRouteControl implements RouteControl {

    private final CamelContext context;

    CamelRouteControl(CamelContext context) {
        this.context = context;
    }

    @Override
    public void start(String routeId) {
        try {
            context.getRouteController().startRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start route " + routeId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(String routeId, Duration timeout) {
        try {
            context.getRouteController().stopRoute(routeId, timeout.toMillis(), TimeUnit.MILLISECONDS, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop route " + routeId + ": " + e.getMessage(), e);
        }
    }
}
