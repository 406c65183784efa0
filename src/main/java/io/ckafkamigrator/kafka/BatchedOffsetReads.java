package io.ckafkamigrator.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.GroupTopic;
import io.ckafkamigrator.core.Reading;
import io.ckafkamigrator.kafka.KafkaClusterOffsets.KafkaCallException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The monitor's, sampler's and requests' reads of one cluster, each kind coalesced across
 * every topic and thread asking at the same time ({@link CoalescedCall}): topic descriptions,
 * end offsets, log start offsets and committed offsets. A round over all topics costs a
 * constant number of calls of each kind, whatever the number of topics. Commits and member
 * lists go straight to {@link AdminOffsetReads}, as does everything the handoff reads
 * ({@link #direct}): its pause must not wait for a call of the monitor's under way.
 *
 * <p>Concurrency: thread-safe. A read waits for at most the call of its kind under way and
 * its own, each bounded by the admin client's timeout.
 */
final class BatchedOffsetReads implements OffsetReads {

    private final AdminOffsetReads direct;
    private final CoalescedCall<String, List<Integer>> partitions;
    private final CoalescedCall<TopicPartition, Long> ends;
    private final CoalescedCall<TopicPartition, Long> logStarts;
    private final CoalescedCall<String, Map<TopicPartition, OffsetAndMetadata>> committed;
    /** Whether end and log start offsets are coalesced too (the admin client lists them). */
    private final boolean coalescedLogOffsets;

    /**
     * @param direct the cluster's reads call by call; a {@link ConsumerOffsetReads} (brokers before
     *               0.11) lists log offsets through a consumer, which blocks and takes one call at a
     *               time: those are not coalesced (a call for many topics would make one topic's
     *               failure every topic's), only its admin reads are
     */
    BatchedOffsetReads(AdminOffsetReads direct) {
        this.direct = direct;
        this.coalescedLogOffsets = !(direct instanceof ConsumerOffsetReads);
        this.partitions = new CoalescedCall<>(direct::describeAll);
        this.ends = new CoalescedCall<>(tps -> direct.listAll(tps, true));
        this.logStarts = new CoalescedCall<>(tps -> direct.listAll(tps, false));
        this.committed = new CoalescedCall<>(direct::committedAll);
    }

    /** The same cluster read call by call, for the handoff. */
    OffsetReads direct() {
        return direct;
    }

    /** Calls issued so far, per kind: the cluster round trips of every read but the handoff's. */
    Map<String, Long> calls() {
        Map<String, Long> calls = new LinkedHashMap<>();
        calls.put("describe-topics", partitions.calls());
        calls.put("list-end-offsets", ends.calls());
        calls.put("list-log-start-offsets", logStarts.calls());
        calls.put("list-committed-offsets", committed.calls());
        return calls;
    }

    @Override
    public List<Integer> partitions(String topic) {
        return await(partitions.read(topic));
    }

    @Override
    public Map<Integer, Long> offsets(String topic, List<Integer> of, boolean end) {
        if (!coalescedLogOffsets) {
            return direct.offsets(topic, of, end);
        }
        return offsets(topic, (end ? ends : logStarts).readAll(topicPartitions(topic, of)));
    }

    @Override
    public Map<Integer, Long> committed(String group, String topic) {
        return committedOn(topic, committed.read(group));
    }

    /** The three kinds asked for at once: they travel in the same calls as every other topic's. */
    @Override
    public GroupOffsets groupOffsets(String group, String topic, List<Integer> of) {
        if (!coalescedLogOffsets) {
            CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> groupCommitted = committed.read(group);
            Map<Integer, Long> logStart = direct.offsets(topic, of, false);
            Map<Integer, Long> end = direct.offsets(topic, of, true);
            return new GroupOffsets(committedOn(topic, groupCommitted), logStart, end);
        }
        List<TopicPartition> tps = topicPartitions(topic, of);
        CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> groupCommitted = committed.read(group);
        Map<TopicPartition, CompletableFuture<Long>> logStart = logStarts.readAll(tps);
        Map<TopicPartition, CompletableFuture<Long>> end = ends.readAll(tps);
        return new GroupOffsets(committedOn(topic, groupCommitted), offsets(topic, logStart), offsets(topic, end));
    }

    /**
     * Many groups' offsets on many topics, every kind in one call: the partitions of all topics
     * first, then the committed, log start and end offsets of all of them together. Each entry
     * answers or fails alone.
     */
    Map<GroupTopic, Reading<GroupOffsets>> groupOffsets(List<GroupTopic> wanted) {
        Map<String, CompletableFuture<List<Integer>>> described = partitions.readAll(
                wanted.stream().map(GroupTopic::topic).distinct().toList());
        Map<String, Reading<List<Integer>>> topics = new HashMap<>();
        described.forEach((topic, answer) -> topics.put(topic, Reading.of(() -> await(answer))));
        List<TopicPartition> all = new ArrayList<>();
        topics.forEach((topic, read) -> {
            if (read.failure() == null) {
                all.addAll(topicPartitions(topic, read.value()));
            }
        });
        Map<String, CompletableFuture<Map<TopicPartition, OffsetAndMetadata>>> groups = committed.readAll(
                wanted.stream().map(GroupTopic::group).distinct().toList());
        if (!coalescedLogOffsets) {
            Map<GroupTopic, Reading<GroupOffsets>> result = new LinkedHashMap<>();
            for (GroupTopic item : wanted) {
                result.put(item, Reading.of(() -> {
                    List<Integer> of = topics.get(item.topic()).get();
                    return new GroupOffsets(committedOn(item.topic(), groups.get(item.group())),
                            direct.offsets(item.topic(), of, false), direct.offsets(item.topic(), of, true));
                }));
            }
            return result;
        }
        Map<TopicPartition, CompletableFuture<Long>> logStart = logStarts.readAll(all);
        Map<TopicPartition, CompletableFuture<Long>> end = ends.readAll(all);
        Map<GroupTopic, Reading<GroupOffsets>> result = new LinkedHashMap<>();
        for (GroupTopic item : wanted) {
            result.put(item, Reading.of(() -> {
                List<TopicPartition> tps = topicPartitions(item.topic(), topics.get(item.topic()).get());
                return new GroupOffsets(committedOn(item.topic(), groups.get(item.group())),
                        offsets(item.topic(), select(logStart, tps)), offsets(item.topic(), select(end, tps)));
            }));
        }
        return result;
    }

    private static Map<TopicPartition, CompletableFuture<Long>> select(Map<TopicPartition, CompletableFuture<Long>> all,
            List<TopicPartition> tps) {
        Map<TopicPartition, CompletableFuture<Long>> selected = new LinkedHashMap<>();
        tps.forEach(tp -> selected.put(tp, all.get(tp)));
        return selected;
    }

    private Map<Integer, Long> committedOn(String topic, CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> read) {
        try {
            return AdminOffsetReads.committedOn(topic, await(read));
        } catch (KafkaCallException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new HashMap<>();
            }
            throw e;
        }
    }

    private Map<Integer, Long> offsets(String topic, Map<TopicPartition, CompletableFuture<Long>> listed) {
        Map<Integer, Long> result = new HashMap<>();
        listed.forEach((tp, answer) -> result.put(tp.partition(), await(answer)));
        return result;
    }

    private static List<TopicPartition> topicPartitions(String topic, List<Integer> of) {
        return of.stream().map(p -> new TopicPartition(topic, p)).toList();
    }

    /** Waits for the call under way, if any, and the one carrying this read. */
    private <T> T await(CompletableFuture<T> answer) {
        return AdminOffsetReads.await(direct.name(), answer, 2 * direct.timeoutMs());
    }

    @Override
    public void commit(String group, String topic, Map<Integer, Long> offsets) {
        direct.commit(group, topic, offsets);
    }

    @Override
    public GroupMembers members(String group) {
        return direct.members(group);
    }

    @Override
    public void close() {
        direct.close();
    }
}
