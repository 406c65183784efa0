package io.ckafkamigrator.support;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far what a sink received is from what was sent, in {@code key:seq} values: records
 * never delivered, deliveries of a record already delivered, and records delivered after a
 * later record of the same key.
 */
public record DeliveryTally(int delivered, int lost, int duplicated, int reordered) {

    public static DeliveryTally of(List<String> sent, List<String> delivered) {
        Set<String> received = new HashSet<>(delivered);
        int lost = (int) sent.stream().filter(v -> !received.contains(v)).count();
        List<String> firstDeliveries = delivered.stream().distinct().toList();
        int reordered = 0;
        for (Map.Entry<String, List<Integer>> key : KeyedLoad.byKey(firstDeliveries).entrySet()) {
            List<Integer> sequence = key.getValue();
            for (int i = 1; i < sequence.size(); i++) {
                if (sequence.get(i) < sequence.get(i - 1)) {
                    reordered++;
                }
            }
        }
        return new DeliveryTally(delivered.size(), lost, delivered.size() - firstDeliveries.size(), reordered);
    }

    public boolean exact() {
        return lost == 0 && duplicated == 0 && reordered == 0;
    }

    @Override
    public String toString() {
        return lost + " / " + duplicated + " / " + reordered;
    }
}
