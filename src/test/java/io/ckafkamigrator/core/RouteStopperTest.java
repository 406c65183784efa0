package io.ckafkamigrator.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The legacy route stops after handoffs, once the app begins to stop. */
class RouteStopperTest {

    @Test
    void shouldSkipTheStopsStillQueuedOnceTheAppBeginsToStop() throws Exception {
        // Given a route stop under way and two more queued behind it
        ControlThreads threads = new ControlThreads();
        Executor stopper = threads.routeStopper();
        CountDownLatch underWay = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> stopped = new CopyOnWriteArrayList<>();
        stopper.execute(() -> {
            underWay.countDown();
            await(release);
            stopped.add("a-legacy-consumer");
        });
        stopper.execute(() -> stopped.add("b-legacy-consumer"));
        stopper.execute(() -> stopped.add("c-legacy-consumer"));
        assertThat(underWay.await(10, TimeUnit.SECONDS)).isTrue();

        // When the app begins to stop, and the stop under way ends
        threads.skipQueuedRouteStops();
        release.countDown();
        threads.close();

        // Then only the stop under way was made: the context stops the other routes itself
        assertThat(stopped).containsExactly("a-legacy-consumer");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
