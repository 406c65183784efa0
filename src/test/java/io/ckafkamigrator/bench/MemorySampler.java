package io.ckafkamigrator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples a process's resident memory ({@code VmRSS} in {@code /proc/<pid>/status}) on a
 * thread of its own and keeps the peak. Linux only; elsewhere {@link #supported} is false.
 */
final class MemorySampler implements AutoCloseable {

    private final Path status;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakKb;

    MemorySampler(long pid, long intervalMs) {
        this.status = Path.of("/proc", String.valueOf(pid), "status");
        this.thread = new Thread(() -> {
            while (running) {
                peakKb = Math.max(peakKb, rssKb());
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    boolean supported() {
        return Files.isReadable(status);
    }

    /** The resident set right now, in KiB (0 if unknown). */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process has ended, or this is not Linux.
        }
        return 0;
    }

    long peakKb() {
        return Math.max(peakKb, rssKb());
    }

    void resetPeak() {
        peakKb = rssKb();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
