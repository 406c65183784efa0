package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A cluster's {@link ClusterOffsets} whose failed calls say which cluster failed and what was
 * read ({@link ClusterReadException}), whichever implementation answers: a refused switch and a
 * readiness reason name them without knowing the Kafka side. Every call goes to the wrapped
 * cluster's own implementation, its optimised defaults included.
 */
final class NamedClusterOffsets implements ClusterOffsets {

    private final Cluster cluster;
    private final ClusterOffsets offsets;

    private NamedClusterOffsets(Cluster cluster, ClusterOffsets offsets) {
        this.cluster = cluster;
        this.offsets = offsets;
    }

    /** {@code offsets} named as {@code cluster}, once. */
    static ClusterOffsets of(Cluster cluster, ClusterOffsets offsets) {
        return offsets instanceof NamedClusterOffsets ? offsets : new NamedClusterOffsets(cluster, offsets);
    }

    private <T> T read(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ClusterReadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClusterReadException.of(cluster, what, e);
        }
    }

    private static String ofTopic(String what, String topic) {
        return what + " of topic '" + topic + "'";
    }

    private static String ofGroup(String what, String group, String topic) {
        return what + " of group '" + group + "' on topic '" + topic + "'";
    }

    @Override
    public Map<Integer, Long> endOffsets(String topic) {
        return read(ofTopic("end offsets", topic), () -> offsets.endOffsets(topic));
    }

    @Override
    public Map<Integer, Long> logStartOffsets(String topic) {
        return read(ofTopic("log start offsets", topic), () -> offsets.logStartOffsets(topic));
    }

    @Override
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        return read(ofGroup("committed offsets", group, topic), () -> offsets.committedOffsets(group, topic));
    }

    @Override
    public Set<Integer> partitions(String topic) {
        return read(ofTopic("partitions", topic), () -> offsets.partitions(topic));
    }

    @Override
    public GroupOffsets groupOffsets(String group, String topic) {
        return read(ofGroup("offsets", group, topic), () -> offsets.groupOffsets(group, topic));
    }

    @Override
    public GroupOffsets groupOffsets(String group, String topic, Set<Integer> partitions) {
        return read(ofGroup("offsets", group, topic), () -> offsets.groupOffsets(group, topic, partitions));
    }

    /** Each failed entry names the cluster, group and topic, as a read of it alone would. */
    @Override
    public Map<GroupTopic, Reading<GroupOffsets>> groupOffsetsOf(java.util.List<GroupTopic> wanted) {
        Map<GroupTopic, Reading<GroupOffsets>> named = new java.util.LinkedHashMap<>();
        read("offsets of " + wanted.size() + " groups", () -> offsets.groupOffsetsOf(wanted)).forEach((item, reading) ->
                named.put(item, Reading.of(() -> read(ofGroup("offsets", item.group(), item.topic()), reading::get))));
        return named;
    }

    @Override
    public boolean hasRecords(String topic, int partition, long from, long to) {
        return read(ofTopic("records", topic), () -> offsets.hasRecords(topic, partition, from, to));
    }

    @Override
    public RecordTally tally(String topic, int partition, long from, long to, String tagHeader, String tag,
                             long maxMillis) {
        return read(ofTopic("records", topic), () -> offsets.tally(topic, partition, from, to, tagHeader, tag, maxMillis));
    }

    @Override
    public ClusterOffsets forHandoff() {
        ClusterOffsets handoff = offsets.forHandoff();
        return handoff == offsets ? this : new NamedClusterOffsets(cluster, handoff);
    }

    @Override
    public void commitOffsets(String group, String topic, Map<Integer, Long> commit) {
        read(ofGroup("commit", group, topic), () -> {
            offsets.commitOffsets(group, topic, commit);
            return null;
        });
    }

    @Override
    public GroupMembers members(String group) {
        return read("members of group '" + group + "'", () -> offsets.members(group));
    }
}
