package io.ckafkamigrator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** CPU time of chosen JVM threads, found by name, of the whole process, and of another process. */
final class ThreadCpu {

    /** The kernel's clock tick, the unit of /proc CPU times (USER_HZ is 100 on Linux). */
    static final long JIFFY_NANOS = 10_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** Ids of the live threads whose name matches. */
    static Set<Long> named(Predicate<String> name) {
        Set<Long> ids = new HashSet<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
            if (info != null && name.test(info.getThreadName())) {
                ids.add(info.getThreadId());
            }
        }
        return ids;
    }

    /** CPU nanoseconds each thread has used so far; a thread that has ended is left out. */
    static Map<Long, Long> snapshot(Set<Long> ids) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : ids) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** CPU the threads used since {@code before}; a thread that ended meanwhile counts nothing. */
    static long since(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> e : before.entrySet()) {
            long now = THREADS.getThreadCpuTime(e.getKey());
            if (now >= 0) {
                total += now - e.getValue();
            }
        }
        return total;
    }

    /** CPU nanoseconds of this whole JVM (in-JVM brokers included). */
    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The CPU time (user and system) of another process so far, in ns, all its threads (JIT
     * included), from /proc/&lt;pid&gt;/stat; 0 once it has ended.
     */
    static long ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * JIFFY_NANOS;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The CPU time (user and system) of another process's threads so far, in ns, but for its JIT
     * compiler threads: what the work costs once compiled, not how long the JIT took to get there.
     * From /proc/&lt;pid&gt;/task/&lt;tid&gt;/stat, at the kernel's tick (10 ms); a thread that ended counts nothing.
     */
    static long ofProcessWithoutJit(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The name is in parentheses and may hold spaces; the fields follow it.
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (NoSuchFileException ended) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the CPU time of process " + pid + " cannot be read from " + tasks, e);
        }
        return ticks * JIFFY_NANOS;
    }
}
