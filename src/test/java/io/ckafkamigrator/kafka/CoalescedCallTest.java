package io.ckafkamigrator.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads of one kind from many threads, answered by as few calls to the cluster as possible. */
class CoalescedCallTest {

    /** A cluster whose calls answer when the test says so: one future per key, per call. */
    private static final class HeldCalls {
        final List<Set<String>> calls = new ArrayList<>();
        final List<Map<String, KafkaFutureImpl<Integer>>> answers = new ArrayList<>();

        synchronized Map<String, KafkaFuture<Integer>> issue(Set<String> keys) {
            calls.add(new TreeSet<>(keys));
            Map<String, KafkaFutureImpl<Integer>> futures = new HashMap<>();
            keys.forEach(k -> futures.put(k, new KafkaFutureImpl<>()));
            answers.add(futures);
            return new HashMap<>(futures);
        }

        /** Answers every key of call {@code n} with {@code value}, but fails {@code failing}. */
        void answer(int n, int value, String... failing) {
            Map<String, KafkaFutureImpl<Integer>> call;
            synchronized (this) {
                call = answers.get(n);
            }
            Set<String> fail = Set.of(failing);
            call.forEach((key, future) -> {
                if (fail.contains(key)) {
                    future.completeExceptionally(new IllegalStateException("no topic " + key));
                } else {
                    future.complete(value);
                }
            });
        }
    }

    @Test
    void shouldAskForEveryKeyAskedWhileACallIsUnderWayInOneNextCall() throws Exception {
        // Given a call under way for one key
        HeldCalls cluster = new HeldCalls();
        CoalescedCall<String, Integer> reads = new CoalescedCall<>(cluster::issue);
        CompletableFuture<Integer> first = reads.read("a");

        // When three more keys are asked for meanwhile, and the call answers
        CompletableFuture<Integer> b = reads.read("b");
        Map<String, CompletableFuture<Integer>> cd = reads.readAll(List.of("c", "d"));
        assertThat(cluster.calls).containsExactly(Set.of("a"));
        cluster.answer(0, 1);

        // Then they went together in the next call, issued once the first had answered
        assertThat(first.get()).isEqualTo(1);
        assertThat(cluster.calls).containsExactly(Set.of("a"), new TreeSet<>(Set.of("b", "c", "d")));
        assertThat(b).isNotDone();
        cluster.answer(1, 2);
        assertThat(b.get()).isEqualTo(2);
        assertThat(cd.get("c").get()).isEqualTo(2);
        assertThat(reads.calls()).isEqualTo(2);
    }

    @Test
    void shouldNeverAnswerAKeyFromACallIssuedBeforeItWasAskedFor() throws Exception {
        // Given a call under way for key a
        HeldCalls cluster = new HeldCalls();
        CoalescedCall<String, Integer> reads = new CoalescedCall<>(cluster::issue);
        CompletableFuture<Integer> early = reads.read("a");

        // When a is asked for again meanwhile, and the call under way answers
        CompletableFuture<Integer> late = reads.read("a");
        cluster.answer(0, 1);

        // Then the second ask waits for a call of its own
        assertThat(early.get()).isEqualTo(1);
        assertThat(late).isNotDone();
        cluster.answer(1, 7);
        assertThat(late.get()).isEqualTo(7);
    }

    @Test
    void shouldFailOnlyTheKeyTheClusterFailed() throws Exception {
        // Given two keys in one call
        HeldCalls cluster = new HeldCalls();
        CoalescedCall<String, Integer> reads = new CoalescedCall<>(cluster::issue);
        Map<String, CompletableFuture<Integer>> both = reads.readAll(List.of("kept", "deleted"));

        // When the cluster fails one of them
        cluster.answer(0, 3, "deleted");

        // Then the other is answered
        assertThat(both.get("kept").get()).isEqualTo(3);
        assertThatThrownBy(() -> both.get("deleted").get()).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("no topic deleted");
    }

    @Test
    void shouldFailTheKeysOfACallThatThrowsAndStillSendTheNext() throws Exception {
        // Given a call that throws before it is sent, while key b waits for it to end
        HeldCalls cluster = new HeldCalls();
        boolean[] thrown = {false};
        CompletableFuture<Integer>[] b = new CompletableFuture[1];
        CoalescedCall<String, Integer> reads = new CoalescedCall<>(keys -> {
            if (!thrown[0]) {
                thrown[0] = true;
                throw new IllegalStateException("admin client closed");
            }
            return cluster.issue(keys);
        });

        // When a is read (its call throws), then b
        CompletableFuture<Integer> a = reads.read("a");
        b[0] = reads.read("b");
        cluster.answer(0, 5);

        // Then a failed, and b went in a call of its own
        assertThatThrownBy(a::get).hasRootCauseMessage("admin client closed");
        assertThat(b[0].get()).isEqualTo(5);
        assertThat(cluster.calls).containsExactly(Set.of("b"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldIssueCallsThatAnswerAtOnceInALoopWithoutGrowingTheStack() throws Exception {
        // Given a cluster whose calls fail at once (a closed client), and a read waiting behind each
        int[] depth = {0};
        int[] deepest = {0};
        List<CompletableFuture<Integer>> later = new ArrayList<>();
        CoalescedCall<String, Integer>[] reads = new CoalescedCall[1];
        reads[0] = new CoalescedCall<>(keys -> {
            deepest[0] = Math.max(deepest[0], Thread.currentThread().getStackTrace().length);
            depth[0]++;
            if (depth[0] < 2000) {
                later.add(reads[0].read("k" + depth[0])); // asked while this call is under way
            }
            KafkaFutureImpl<Integer> failed = new KafkaFutureImpl<>();
            failed.completeExceptionally(new IllegalStateException("closed"));
            Map<String, KafkaFuture<Integer>> answers = new HashMap<>();
            keys.forEach(k -> answers.put(k, failed));
            return answers;
        });

        // When one read starts the chain of 2000 calls
        CompletableFuture<Integer> first = reads[0].read("k0");

        // Then every read failed with the cluster's error, the stack stayed flat, and the kind is free again
        assertThatThrownBy(first::get).hasRootCauseMessage("closed");
        assertThat(later).hasSize(1999).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
        assertThat(deepest[0]).isLessThan(200);
        assertThat(reads[0].calls()).isEqualTo(2000);
    }
}
