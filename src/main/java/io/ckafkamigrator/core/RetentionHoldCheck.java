package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Preflight: CKafka's retention against how long the first migrated records wait there. After
 * the switch, new records heap up in CKafka while the legacy consumer reads what legacy still
 * holds; the expected hold is that lag divided by the legacy consumer's rate, plus a margin for
 * the time until the cutover is requested and made. A CKafka retention shorter than the hold
 * could delete records before the CKafka consumer reads them (the handoff then stops and asks,
 * see accept-expired-backlog). Without a measured rate the hold is not guessed: a warning says
 * so, unless the retention is shorter than the margin alone, which fails whatever the rate.
 */
final class RetentionHoldCheck {

    static final String ID = "ckafka-retention-hold";

    private RetentionHoldCheck() {
    }

    static PreflightCheck of(TopicFacts facts, Duration margin) {
        if (!facts.legacyNeeded()) {
            return PreflightCheck.pass(ID, "nothing heaps up in CKafka any more: topic '" + facts.topic().name()
                    + "' is MIGRATED");
        }
        if (!facts.ckafka().exists() || !facts.ckafka().configs().known()) {
            return PreflightCheck.warn(ID, "not checked: the CKafka topic or its configs cannot be read",
                    "fix the topic checks first");
        }
        OptionalLong retentionMs = TopicConfigChecks.number(facts.ckafka(), "retention.ms");
        if (retentionMs.isEmpty()) {
            return PreflightCheck.warn(ID, "cannot tell: the CKafka broker did not report retention.ms",
                    "check the CKafka topic's retention in its console");
        }
        long retention = TopicConfigChecks.unlimited(retentionMs.getAsLong());
        OptionalLong bytes = TopicConfigChecks.number(facts.ckafka(), "retention.bytes");
        String bySize = bytes.isPresent() && bytes.getAsLong() >= 0 ? "; but CKafka retention.bytes="
                + bytes.getAsLong() + " may delete the backlog by size, which cannot be foreseen" : "";
        if (retention == Long.MAX_VALUE) {
            return bySize.isEmpty() ? PreflightCheck.pass(ID, "CKafka keeps records without a time limit (retention.ms="
                    + retentionMs.getAsLong() + ")") : sizeWarning("CKafka retention.ms=-1" + bySize);
        }
        if (!facts.legacy().offsets().known()) {
            return PreflightCheck.unknown(ID, "the legacy group's lag", facts.legacy().offsets().whyUnknown());
        }
        long lag = lag(facts.legacy().offsets().value());
        String retained = "CKafka retention.ms=" + retention;
        if (retention < margin.toMillis()) {
            return expires(facts, retained + " is shorter than the margin of " + margin.toMillis() + " ms alone "
                    + "(migration.preflight.retention-margin-ms), whatever the legacy lag (" + lag + " records)", margin);
        }
        double secondsToDrain;
        String drain;
        if (lag == 0) {
            secondsToDrain = 0;
            drain = "the legacy group has no lag";
        } else if (facts.legacyRate().isEmpty()) {
            return PreflightCheck.warn(ID, "cannot tell: the legacy group lags " + lag + " records and the legacy "
                    + "consumer's rate is not known (measured by the running app only); " + retained,
                    "run GET /api/migrations/" + facts.topic().name() + "/preflight on the running app, which knows "
                            + "the rate, or make sure retention.ms exceeds the time the legacy consumer needs for "
                            + lag + " records plus the margin");
        } else if (facts.legacyRate().getAsDouble() <= 0) {
            return PreflightCheck.warn(ID, "the legacy group lags " + lag + " records and its consumer has not moved "
                    + "recently: the backlog would wait in CKafka until it does; " + retained,
                    "make the legacy consumer progress (or find why it is stuck) before switching");
        } else {
            secondsToDrain = lag / facts.legacyRate().getAsDouble();
            drain = "the legacy group lags " + lag + " records at " + String.format("%.1f", facts.legacyRate().getAsDouble())
                    + " records/s";
        }
        long holdMs = (long) Math.ceil(secondsToDrain * 1000) + margin.toMillis();
        String found = drain + ": expected hold " + holdMs + " ms (with the margin of " + margin.toMillis() + " ms)";
        if (retention < holdMs) {
            return expires(facts, found + ", longer than " + retained, margin);
        }
        return bySize.isEmpty() ? PreflightCheck.pass(ID, found + ", within " + retained) : sizeWarning(found + bySize);
    }

    private static PreflightCheck expires(TopicFacts facts, String found, Duration margin) {
        return PreflightCheck.fail(ID, found + ": the backlog could expire in CKafka before the handoff",
                "raise retention.ms of CKafka topic '" + facts.ckafka().topic() + "' above the expected hold (at least "
                        + margin.toMillis() + " ms) before switching, or let the legacy consumer catch up first");
    }

    private static PreflightCheck sizeWarning(String found) {
        return PreflightCheck.warn(ID, found, "set retention.bytes=-1 on the CKafka topic while it migrates, or make "
                + "sure the backlog stays far below it");
    }

    /** Records the legacy group still has to read, to the log end; a partition without offset counts from its log start. */
    static long lag(GroupOffsets offsets) {
        Map<Integer, Long> positions = OffsetLag.positions(offsets.end().keySet(), offsets.committed(), offsets.logStart(),
                Map.of());
        return OffsetLag.sum(OffsetLag.lag(offsets.end(), positions));
    }
}
