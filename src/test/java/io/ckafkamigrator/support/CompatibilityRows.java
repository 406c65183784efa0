package io.ckafkamigrator.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One row of a {@link CompatibilityReport} table per test case, written after each case so a
 * run cut short still leaves what it measured. A case names what it tries with
 * {@link #describe}; the row gets its outcome (what the case expected when it passed, the
 * failure's first line when not) and how long it took. Register it as a static
 * {@code @RegisterExtension} field.
 */
public final class CompatibilityRows implements BeforeEachCallback, TestWatcher {

    private final String section;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private List<String> described;
    private String expected;
    private List<String> afterOutcome;
    private long startedNanos;

    /**
     * {@code header}'s columns: the described cells, the outcome, any cells after the outcome,
     * the time.
     */
    public CompatibilityRows(String section, List<String> header) {
        this.section = section;
        this.header = List.copyOf(header);
    }

    /** The leading cells of the current case's row and the outcome it shows when the case passes. */
    public void describe(List<String> cells, String outcomeWhenPassed) {
        describe(cells, outcomeWhenPassed, List.of());
    }

    /** As {@link #describe(List, String)}, with cells that follow the outcome whether it passed or not. */
    public void describe(List<String> cells, String outcomeWhenPassed, List<String> cellsAfterOutcome) {
        // A case may describe itself again once it knows more (what the app printed, say).
        described = List.copyOf(cells);
        expected = outcomeWhenPassed;
        afterOutcome = List.copyOf(cellsAfterOutcome);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        described = null;
        startedNanos = System.nanoTime();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(expected);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        record("FAILS: " + (message.length() > 160 ? message.substring(0, 160) + "..." : message));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record("not run: " + cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // A disabled case measured nothing.
    }

    private synchronized void record(String outcome) {
        if (described == null) {
            return;
        }
        List<String> row = new ArrayList<>(described);
        row.add(outcome);
        row.addAll(afterOutcome);
        row.add(String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9));
        rows.add(row);
        CompatibilityReport.write(section, header, rows);
    }
}
