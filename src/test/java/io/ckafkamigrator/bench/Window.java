package io.ckafkamigrator.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What one side did in its measured window: records delivered or sent, wall time, the CPU of
 * its own threads and of the whole JVM. {@code ranOut}: the side read the whole backlog before
 * the window's time was up, so its window ends at its last delivery.
 */
record Window(long records, long nanos, long threadCpuNanos, long processCpuNanos, boolean ranOut) {

    double perSecond() {
        return records / (nanos / 1e9);
    }

    double cpuMicrosPerRecord() {
        return threadCpuNanos / 1e3 / records;
    }

    double processCpuMicrosPerRecord() {
        return processCpuNanos / 1e3 / records;
    }

    static Meter start(LongSupplier records, Set<Long> threads) {
        return new Meter(records, records.getAsLong(), System.nanoTime(), ThreadCpu.snapshot(threads), ThreadCpu.process());
    }

    /** A window under way, from the counts, clock and CPU taken at its start. */
    record Meter(LongSupplier records, long startRecords, long startNanos, Map<Long, Long> startCpu, long startProcessCpu) {

        Window stop() {
            return stopAt(System.nanoTime(), false);
        }

        Window stopAt(long endNanos, boolean ranOut) {
            long cpu = ThreadCpu.since(startCpu);
            long processCpu = ThreadCpu.process() - startProcessCpu;
            long delivered = records.getAsLong() - startRecords;
            if (delivered <= 0) {
                throw new IllegalStateException("no records in the measured window");
            }
            return new Window(delivered, endNanos - startNanos, cpu, processCpu, ranOut);
        }
    }

    /** One figure of each window, as the results' statistics. */
    static Stats stats(List<Window> windows, Function<Window, Double> value) {
        return Stats.of(values(windows, value));
    }

    /** One figure of each window, in round order (for paired ratios). */
    static List<Double> values(List<Window> windows, Function<Window, Double> value) {
        return windows.stream().map(value).toList();
    }
}
