package io.ckafkamigrator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static io.ckafkamigrator.bench.Window.stats;
import static io.ckafkamigrator.bench.Window.values;

/**
 * The windows of a route and a raw client measured side by side: one discarded warm-up round,
 * then the measured rounds, the side that goes first alternating per round (the second reader
 * of a log finds it warm), and the rows of their results.
 */
final class PairedRounds {

    /** One side's measured window. */
    @FunctionalInterface
    interface Side {
        Window measure() throws Exception;
    }

    private final String label;
    private final List<Window> route = new ArrayList<>();
    private final List<Window> raw = new ArrayList<>();
    private final List<Window> warmUp = new ArrayList<>();

    PairedRounds(String label) {
        this.label = label;
    }

    /** Round 0 is the warm-up: measured the same way, then left out of the results. */
    void round(int round, Side routeSide, Side rawSide) throws Exception {
        Window first;
        Window second;
        boolean routeFirst = round % 2 == 0;
        first = routeFirst ? routeSide.measure() : rawSide.measure();
        second = routeFirst ? rawSide.measure() : routeSide.measure();
        Window r = routeFirst ? first : second;
        Window w = routeFirst ? second : first;
        if (round == 0) {
            warmUp.add(r);
            warmUp.add(w);
        } else {
            route.add(r);
            raw.add(w);
        }
        System.out.printf(Locale.ROOT, "[bench] %s %s: route %.0f rec/s %.1f us CPU/rec%s, raw %.0f rec/s %.1f us CPU/rec%s%n",
                label, round == 0 ? "warm-up" : "round " + round, r.perSecond(), r.cpuMicrosPerRecord(),
                r.ranOut() ? " (backlog ran out)" : "", w.perSecond(), w.cpuMicrosPerRecord(),
                w.ranOut() ? " (backlog ran out)" : "");
    }

    List<Window> warmUp() {
        return List.copyOf(warmUp);
    }

    /** The route side's measured windows, in round order. */
    List<Window> route() {
        return List.copyOf(route);
    }

    /** The raw side's measured windows, in round order. */
    List<Window> raw() {
        return List.copyOf(raw);
    }

    /**
     * The rows: rates, CPU per record, and the paired ratios with their targets.
     *
     * @param maxCpuRatio the target for the route / raw CPU per record, null for none
     */
    void addRows(BenchResults results, String name, String routeLabel, String rawLabel, Double maxCpuRatio,
                 MachineLoad load) {
        String busy = load.busy() ? " (machine busy: ratio not a result)" : "";
        results.add(name, routeLabel + ", records/s", "records/s", stats(route, Window::perSecond));
        results.add(name, rawLabel + ", records/s", "records/s", stats(raw, Window::perSecond));
        results.add(name, routeLabel + ", MB/s", "MB/s", stats(route, w -> w.perSecond() * Preload.RECORD_BYTES / 1e6));
        results.add(name, rawLabel + ", MB/s", "MB/s", stats(raw, w -> w.perSecond() * Preload.RECORD_BYTES / 1e6));
        results.add(name, routeLabel + ", CPU of its threads per record", "µs", stats(route, Window::cpuMicrosPerRecord));
        results.add(name, rawLabel + ", CPU of its threads per record", "µs", stats(raw, Window::cpuMicrosPerRecord));
        results.add(name, routeLabel + ", CPU of the whole JVM (brokers included) per record", "µs",
                stats(route, Window::processCpuMicrosPerRecord));
        results.add(name, rawLabel + ", CPU of the whole JVM (brokers included) per record", "µs",
                stats(raw, Window::processCpuMicrosPerRecord));
        results.add(name, "route / raw records/s (paired per round)" + busy, "ratio",
                Stats.ratios(values(route, Window::perSecond), values(raw, Window::perSecond)), ">= 0.90",
                s -> s.median() >= 0.90);
        Stats cpu = Stats.ratios(values(route, Window::cpuMicrosPerRecord), values(raw, Window::cpuMicrosPerRecord));
        if (maxCpuRatio == null) {
            results.add(name, "route / raw CPU of its threads per record (paired per round)" + busy, "ratio", cpu);
        } else {
            results.add(name, "route / raw CPU of its threads per record (paired per round)" + busy, "ratio", cpu,
                    String.format(java.util.Locale.ROOT, "<= %.2f", maxCpuRatio), s -> s.median() <= maxCpuRatio);
        }
        long ranOut = route.stream().filter(Window::ranOut).count() + raw.stream().filter(Window::ranOut).count();
        if (ranOut > 0) {
            results.note(name + ": in " + ranOut + " window(s) a side read the whole backlog before the round's time "
                    + "was up; those windows end at its last delivery.");
        }
    }
}
