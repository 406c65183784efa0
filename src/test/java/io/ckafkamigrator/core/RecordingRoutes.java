package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Route control for the core's unit tests: remembers which routes were started and stopped, in order. */
final class RecordingRoutes implements RouteControl {

    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void start(String routeId) {
        started.add(routeId);
    }

    @Override
    public void stop(String routeId, Duration timeout) {
        stopped.add(routeId);
    }
}
