package io.ckafkamigrator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How loaded the machine was over one benchmark: the 1-minute load average at its start and end,
 * the processors, and the CPU this JVM and all other processes used meanwhile (from
 * {@code /proc/stat}). The load average counts this JVM's own runnable threads too.
 */
record MachineLoad(double loadStart, double loadEnd, int cpus, double seconds, double jvmCores, double otherCores,
                   String ours) {

    private static final Path LOADAVG = Path.of("/proc/loadavg");
    static final double OTHER_CORES_BUSY = 0.3;
    private static final Path STAT = Path.of("/proc/stat");
    // USER_HZ: /proc/stat counts in 1/100 s on Linux.

    /** The readings at a benchmark's start. */
    record Start(double load, long busyNanos, long processCpuNanos, long nanos) {

        MachineLoad end() {
            return end(0);
        }

        /** @param jarNanos the CPU the benchmark's packaged-jar processes used meanwhile: not other processes' */
        MachineLoad end(long jarNanos) {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            long jvm = ThreadCpu.process() - processCpuNanos + jarNanos;
            long busy = busyNanos() < 0 ? -1 : busyJiffies() * ThreadCpu.JIFFY_NANOS - busyNanos;
            double other = busy < 0 ? Double.NaN : Math.max(0, busy - jvm) / 1e9 / seconds;
            return new MachineLoad(load, loadAverage(), Runtime.getRuntime().availableProcessors(), seconds,
                    jvm / 1e9 / seconds, other, jarNanos > 0 ? "this JVM (brokers included) and the jar's" : "this JVM (brokers included)");
        }
    }

    static Start start() {
        long busy = busyJiffies();
        return new Start(loadAverage(), busy < 0 ? -1 : busy * ThreadCpu.JIFFY_NANOS, ThreadCpu.process(), System.nanoTime());
    }

    /**
     * Other processes used more than {@link #OTHER_CORES_BUSY} of a core on average, or (where
     * /proc/stat cannot tell) the load average was above the processors at the start: their work
     * skews the ratios. The load average alone would count this benchmark's own threads.
     */
    boolean busy() {
        return Double.isNaN(otherCores) ? loadStart > cpus : otherCores > OTHER_CORES_BUSY;
    }

    String line(String benchmark) {
        return String.format(Locale.ROOT, "Machine load, %s: 1-minute load average %.2f at the start, %.2f at the end, "
                        + "%d processors; over its %.0f s %s used %.2f cores on average, "
                        + "other processes %s.%s", benchmark, loadStart, loadEnd, cpus, seconds, ours, jvmCores,
                Double.isNaN(otherCores) ? "(unknown)" : String.format(Locale.ROOT, "%.2f cores", otherCores),
                busy() ? " Machine busy: ratio not a result." : "");
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** user + nice + system + irq + softirq + steal of all CPUs, or -1 without /proc/stat. */
    private static long busyJiffies() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
