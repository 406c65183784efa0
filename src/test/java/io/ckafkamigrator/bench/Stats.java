package io.ckafkamigrator.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, 95th percentile, min and max of one measurement over the rounds, with the samples kept for the JSON. */
record Stats(double median, double p95, double min, double max, List<Double> samples) {

    static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        // The mean of the two middle values for an even count, so 2 rounds do not report the larger.
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        // Nearest rank: a sample that was measured, never interpolated; the max below 20 samples.
        double p95 = sorted.get((int) Math.ceil(0.95 * n) - 1);
        return new Stats(median, p95, sorted.get(0), sorted.get(n - 1), List.copyOf(samples));
    }

    /** Per round a / b: paired, so the drift of a shared, noisy machine cancels within a round. */
    static Stats ratios(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return of(ratios);
    }
}
