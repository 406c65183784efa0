package io.ckafkamigrator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** CPU time of chosen JVM threads, found by name, and of the whole process. */
final class ThreadCpu {

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
}
