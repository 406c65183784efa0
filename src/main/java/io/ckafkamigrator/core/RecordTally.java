package io.ckafkamigrator.core;

/**
 * One bounded read of a partition's offsets {@code [from, to)} by a read_committed consumer.
 *
 * @param next    the offset the read reached: {@code to} when it read the whole range, less when
 *                its time ran out (the rest is read by the next call)
 * @param records records a consumer would deliver in {@code [from, next)}, tagged ones included
 * @param tagged  of those, the records that carry this run's record tag ({@link ConsumerIdentity#recordTag()})
 * @param expired offsets of {@code [from, next)} that retention deleted before the read reached
 *                them: neither read nor left to read
 */
public record RecordTally(long next, long records, long tagged, long expired) {

    /** A read that met no deleted offsets. */
    public RecordTally(long next, long records, long tagged) {
        this(next, records, tagged, 0);
    }
}
