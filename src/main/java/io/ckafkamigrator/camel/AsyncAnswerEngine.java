package io.ckafkamigrator.camel;

import java.util.Set;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The platform-http engine of the app: Camel's Vert.x engine, whose consumers of the
 * {@code asyncPaths} answer once their route completes asynchronously ({@link AsyncAnswerConsumer})
 * instead of holding a Vert.x worker thread until then. Bound as {@code platform-http-engine},
 * where the platform-http component looks for its engine before it makes one of its own.
 */
final class AsyncAnswerEngine extends VertxPlatformHttpEngine {

    /** The name the platform-http component looks its engine up by. */
    static final String REGISTRY_NAME = "platform-http-engine";

    private final Set<String> asyncPaths;

    AsyncAnswerEngine(Set<String> asyncPaths) {
        this.asyncPaths = Set.copyOf(asyncPaths);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        if (!asyncPaths.contains(endpoint.getPath())) {
            return super.createConsumer(endpoint, processor);
        }
        return new AsyncAnswerConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }
}
