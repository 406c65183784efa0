package io.ckafkamigrator.core;

import java.time.Duration;

/** Starts and stops the routes of a topic by their ids (the route ids are the contract). */
public interface RouteControl {

    void start(String routeId);

    /** Stops the route, letting records already polled finish, within {@code timeout}. */
    void stop(String routeId, Duration timeout);
}
