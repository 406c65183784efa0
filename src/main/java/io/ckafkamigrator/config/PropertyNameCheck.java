package io.ckafkamigrator.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses property names under the migrator's own prefixes that no code reads: a misspelled key
 * would otherwise be ignored and its default used in silence. Names the key and, when one is
 * close, the property that was probably meant. The names come from {@link KnownProperties}.
 */
public final class PropertyNameCheck {

    private final List<String> prefixes = new ArrayList<>();
    private final Set<String> known = new TreeSet<>();
    private final List<String> families = new ArrayList<>();

    /** @param clusters the cluster names, each the prefix of its settings */
    public PropertyNameCheck(List<String> clusters) {
        for (String cluster : clusters) {
            prefixes.add(cluster + ".");
            KnownProperties.CLUSTER_KEYS.forEach(key -> known.add(cluster + "." + key));
            KnownProperties.CLUSTER_FAMILIES.forEach(family -> families.add(cluster + "." + family));
        }
        prefixes.add("migration.");
        known.addAll(KnownProperties.MIGRATION_KEYS);
        families.addAll(KnownProperties.MIGRATION_FAMILIES);
    }

    /** Fails on the first (in sorted order) of {@code keys} under our prefixes that is not known. */
    public void check(Collection<String> keys) {
        for (String key : new TreeSet<>(keys)) {
            if (prefixes.stream().anyMatch(key::startsWith) && !isKnown(key)) {
                throw new ConfigException(key, "unknown property" + closest(key).map(k -> "; did you mean " + k + "?")
                        .orElse(" (docs/configuration.md lists every legacy.*, ckafka.* and migration.* property)"));
            }
        }
    }

    /** Fails on a {@code migration.sink.<topic>} whose topic none of the routes defines. */
    public static void checkSinks(Collection<String> keys, Set<String> topics) {
        for (String key : new TreeSet<>(keys)) {
            if (!key.startsWith(Settings.SINK_PREFIX)) {
                continue;
            }
            String topic = key.substring(Settings.SINK_PREFIX.length());
            if (!topics.contains(topic)) {
                Optional<String> meant = topics.stream().min(Comparator.comparingInt(t -> distance(t, topic)))
                        .filter(t -> close(distance(t, topic), t));
                throw new ConfigException(key, "no route file defines a topic named '" + topic + "' (topics: " + topics + ")"
                        + meant.map(t -> "; did you mean " + Settings.SINK_PREFIX + t + "?").orElse(""));
            }
        }
    }

    boolean isKnown(String key) {
        return known.contains(key) || families.stream().anyMatch(f -> key.startsWith(f) && key.length() > f.length());
    }

    /** The known key nearest to {@code key}, if near enough to be a typing slip. */
    Optional<String> closest(String key) {
        List<String> candidates = new ArrayList<>(known);
        for (String family : families) {
            // Compare with the family's head, keeping the key's open tail: legacy.clients.acks -> legacy.client.acks
            tail(key, dots(family)).ifPresent(tail -> candidates.add(family + tail));
        }
        Optional<String> nearest = candidates.stream().min(Comparator.comparingInt(c -> distance(c, key)))
                .filter(c -> close(distance(c, key), c));
        return nearest.or(() -> clientProperty(key));
    }

    /** {@code legacy.enable.idempotence} looks like a Kafka client setting: those go under {@code client.}. */
    private Optional<String> clientProperty(String key) {
        for (String prefix : prefixes) {
            String rest = key.substring(Math.min(prefix.length(), key.length()));
            String family = prefix + "client.";
            if (key.startsWith(prefix) && rest.contains(".") && families.contains(family)) {
                return Optional.of(family + rest);
            }
        }
        return Optional.empty();
    }

    private static boolean close(int distance, String candidate) {
        return distance <= Math.max(3, candidate.length() / 5);
    }

    private static int dots(String text) {
        return (int) text.chars().filter(c -> c == '.').count();
    }

    private static Optional<String> tail(String key, int dots) {
        int at = -1;
        for (int i = 0; i < dots; i++) {
            at = key.indexOf('.', at + 1);
            if (at < 0) {
                return Optional.empty();
            }
        }
        return at + 1 < key.length() ? Optional.of(key.substring(at + 1)) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
