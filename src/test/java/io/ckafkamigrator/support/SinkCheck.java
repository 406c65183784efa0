package io.ckafkamigrator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sink received against what the migrator acknowledged, for values {@code key:seq}:
 * lost (acknowledged, never delivered), duplicated (deliveries after a value's first) and
 * reordered (a value delivered for the first time after a higher sequence of its key).
 * A value stored without an answer (the app died mid-request) may be delivered without being
 * acknowledged; its retry then shows as a duplicate.
 */
public record SinkCheck(String scenario, int sent, int acknowledged, int delivered, int lost, int duplicated,
                        int reordered) {

    public static SinkCheck of(String scenario, KeyedLoad load, List<HttpSink.Delivery> deliveries) {
        List<String> acked = load.acknowledged();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> highest = new HashMap<>();
        int duplicated = 0;
        int reordered = 0;
        for (HttpSink.Delivery delivery : deliveries) {
            String value = delivery.value();
            if (!seen.add(value)) {
                duplicated++;
                continue;
            }
            String key = value.substring(0, value.indexOf(':'));
            int seq = Integer.parseInt(value.substring(value.indexOf(':') + 1));
            if (seq < highest.getOrDefault(key, -1)) {
                reordered++;
            }
            highest.merge(key, seq, Math::max);
        }
        int lost = (int) acked.stream().filter(v -> !seen.contains(v)).count();
        return new SinkCheck(scenario, load.sentCount(), acked.size(), seen.size(), lost,
                duplicated, reordered);
    }

    public String row() {
        return "| " + scenario + " | " + sent + " | " + acknowledged + " | " + delivered + " | " + lost + " | "
                + duplicated + " | " + reordered + " |";
    }

    /** Prints the row and appends it to {@code target/reliability/results.md}. */
    public SinkCheck report() throws IOException {
        System.out.println("reliability " + row());
        Path file = Path.of("target", "reliability", "results.md");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, "| scenario | sent | acknowledged | delivered | lost | duplicated | reordered |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
        }
        Files.writeString(file, row() + "\n", StandardOpenOption.APPEND);
        return this;
    }
}
