package io.ckafkamigrator.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The legacy-broker matrix of docs/compatibility.md ({@code legacy-matrix}), one row per
 * broker version run: the test names its broker and what it measured, this extension adds the
 * result and the time once the run ended, passed or not, and writes the whole table after every
 * run, so an interrupted run still leaves the rows it had. A failure is reported with the
 * broker it ran against and where that broker logged.
 */
public final class LegacyMatrix implements BeforeTestExecutionCallback, AfterTestExecutionCallback,
        TestExecutionExceptionHandler {

    private static final List<String> HEADER = List.of("legacy broker", "cluster mode", "result", "release the app named",
            "records delivered", "lost / duplicated / reordered", "settings the app chose", "time");

    // Rows by version, in the order the versions ran; JUnit runs the invocations one after another.
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private BrokerVersion version;
    private LegacyBroker broker;
    private DeliveryTally tally;
    private String adaptations = "–";
    private String release = "–";
    private long startedNanos;

    /** The version this run migrates from, before its broker is started (which may fail). */
    public void version(BrokerVersion version) {
        this.version = version;
    }

    /** The broker this run migrates from, once started. */
    public LegacyBroker started(LegacyBroker broker) {
        this.broker = broker;
        return broker;
    }

    /** What the run measured, whether or not its assertions pass. */
    public void measured(DeliveryTally tally, String release, String adaptations) {
        this.tally = tally;
        this.release = release;
        this.adaptations = adaptations;
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        version = null;
        broker = null;
        tally = null;
        adaptations = "–";
        release = "–";
        startedNanos = System.nanoTime();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (broker == null) {
            throw failure;
        }
        AssertionError named = new AssertionError("against " + broker + ": " + failure, failure);
        named.setStackTrace(failure.getStackTrace());
        throw named;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (version == null) {
            return;
        }
        long seconds = Math.round((System.nanoTime() - startedNanos) / 1e9);
        String result = context.getExecutionException().map(LegacyMatrix::failure).orElse("passed");
        List<String> row = new ArrayList<>(List.of(version.version(), version.clusterMode(), result, release,
                tally == null ? "–" : String.valueOf(tally.delivered()), tally == null ? "–" : tally.toString(),
                adaptations, seconds + " s"));
        rows.put(version.version(), row);
        // Printed too: a default build does not write the page, and its output is where one looks.
        System.out.println(CompatibilityReport.write("legacy-matrix", HEADER, List.copyOf(rows.values())));
    }

    /** The failure's first line, short enough for a table cell. */
    private static String failure(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = (root.getClass().getSimpleName() + ": " + root.getMessage()).lines().findFirst().orElse("");
        return "FAILED: " + (first.length() > 160 ? first.substring(0, 160) + "…" : first);
    }
}
