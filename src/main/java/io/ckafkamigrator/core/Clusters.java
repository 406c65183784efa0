package io.ckafkamigrator.core;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One thing per cluster (their settings, their offset readers, ...), named instead of indexed,
 * so that legacy and CKafka cannot be swapped by position.
 */
public record Clusters<T>(T legacy, T ckafka) {

    /** A pair made by calling {@code each} for legacy, then for CKafka. */
    public static <T> Clusters<T> of(Function<Cluster, T> each) {
        T legacy = each.apply(Cluster.LEGACY);
        return new Clusters<>(legacy, each.apply(Cluster.CKAFKA));
    }

    public T get(Cluster cluster) {
        return cluster == Cluster.LEGACY ? legacy : ckafka;
    }

    public <R> Clusters<R> map(Function<T, R> mapping) {
        return new Clusters<>(mapping.apply(legacy), mapping.apply(ckafka));
    }

    /** A pair made of this pair's and {@code other}'s thing of each cluster. */
    public <U, R> Clusters<R> combine(Clusters<U> other, BiFunction<T, U, R> each) {
        return new Clusters<>(each.apply(legacy, other.legacy), each.apply(ckafka, other.ckafka));
    }

    /** Legacy first, then CKafka. */
    public void forEach(BiConsumer<Cluster, T> action) {
        action.accept(Cluster.LEGACY, legacy);
        action.accept(Cluster.CKAFKA, ckafka);
    }

    /** Both, legacy first. */
    public List<T> both() {
        return List.of(legacy, ckafka);
    }
}
