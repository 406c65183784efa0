package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one consumer route of one topic deliver, hold, or never deliver again. A held gate
 * never makes a consumer wait inside an exchange (it would stop polling and leave its group):
 * the CKafka consumer's listener reads the gate after each poll and keeps its partitions
 * paused while it holds ({@link WaitingConsumer}), and a record that reaches a held gate all
 * the same is refused, to be delivered later. The legacy consumer's gate is retired at the
 * handoff so it cannot deliver afterwards.
 *
 * <p>Concurrency: {@link #enter}/{@link #leave} run on the consumer thread around each
 * delivery; {@link #open}, {@link #hold} and {@link #retire} on the control thread. After
 * {@link #retire} returns true, no delivery through this gate is under way or will start.
 */
public final class DeliveryGate {

    /**
     * Where the gate stands.
     *
     * <pre>
     *            hold()                 retire() / shutDown()
     *   OPEN  ----------->  HOLD  ------------------------------>  RETIRED
     *     ^  <-----------          (from OPEN too)                    |
     *     |     open()                                                |
     *     +------------------------- reopen() ------------------------+
     * </pre>
     *
     * A CKafka gate starts in HOLD (ordered topic before its handoff) or OPEN, and is opened at
     * the handoff. A legacy gate starts OPEN (RETIRED once migrated) and is retired at the
     * handoff; {@code reopen} undoes only a retire whose handoff could not complete, and
     * {@code open}/{@code hold} never leave RETIRED. {@code shutDown} retires every gate when the
     * app stops.
     */
    public enum State {
        /** Deliveries pass. */
        OPEN,
        /** Deliveries are refused for now; the consumer keeps its partitions paused until the gate opens. */
        HOLD,
        /** Deliveries are refused: to be retried after a restart, or never again after the handoff. */
        RETIRED
    }

    /** Thrown instead of delivering; the consumer retries the record later, it is not lost. */
    public static final class NotDelivering extends RuntimeException {
        public NotDelivering(String message) {
            super(message, null, false, false);
        }
    }

    private final String name;
    private State state;           // guarded by this
    private int inFlight;          // guarded by this
    private boolean appStopping;   // guarded by this
    private final AtomicLong lastDeliveryNanos = new AtomicLong();
    private final AtomicLong firstDeliveryAfterOpenNanos = new AtomicLong();

    public DeliveryGate(String name, State initial) {
        this.name = name;
        this.state = initial;
    }

    /** The legacy consumer's gate for a topic loaded in {@code phase}: open until migrated. */
    static DeliveryGate ofLegacyConsumer(TopicConfig topic, Phase phase) {
        return new DeliveryGate(topic.legacyConsumerRoute(), phase == Phase.MIGRATED ? State.RETIRED : State.OPEN);
    }

    /** The CKafka consumer's gate: open once migrated, or while an unordered topic drains; held otherwise. */
    static DeliveryGate ofCkafkaConsumer(TopicConfig topic, Phase phase) {
        boolean delivers = phase == Phase.MIGRATED || (phase == Phase.DRAINING && topic.ordering() == Ordering.UNORDERED);
        return new DeliveryGate(topic.ckafkaConsumerRoute(), delivers ? State.OPEN : State.HOLD);
    }

    /**
     * Lets one delivery through an open gate, without waiting.
     *
     * @throws NotDelivering if the gate holds or is retired
     */
    public synchronized void enter() {
        if (state == State.HOLD) {
            throw new NotDelivering(name + " is held until the handoff");
        }
        if (state == State.RETIRED) {
            throw new NotDelivering(name + (appStopping ? " stops with the app; the record is delivered after the restart"
                    : " no longer delivers: the topic was handed over"));
        }
        inFlight++;
    }

    /** Ends a delivery that {@link #enter} let through. */
    public synchronized void leave() {
        inFlight--;
        long now = System.nanoTime();
        lastDeliveryNanos.set(now);
        firstDeliveryAfterOpenNanos.compareAndSet(0, now);
        notifyAll();
    }

    public synchronized void open() {
        if (state != State.RETIRED) {
            state = State.OPEN;
            notifyAll();
        }
    }

    public synchronized void hold() {
        if (state != State.RETIRED) {
            state = State.HOLD;
        }
    }

    /** Stops all further deliveries and waits for the current one; false on timeout. */
    public synchronized boolean retire(Duration timeout) throws InterruptedException {
        state = State.RETIRED;
        notifyAll();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Refuses every delivery from now on without waiting, so a held consumer can stop at once. */
    public synchronized void shutDown() {
        appStopping = true;
        state = State.RETIRED;
        notifyAll();
    }

    /** Undoes a retire that could not complete the handoff. */
    public synchronized void reopen() {
        state = State.OPEN;
        notifyAll();
    }

    public synchronized State state() {
        return state;
    }

    /** {@link System#nanoTime()} of the last finished delivery, 0 if none. */
    public long lastDeliveryNanos() {
        return lastDeliveryNanos.get();
    }

    /** Forgets earlier deliveries, so {@link #firstDeliveryNanos} reports the next one. */
    public void markFirstDelivery() {
        firstDeliveryAfterOpenNanos.set(0);
    }

    /** {@link System#nanoTime()} of the first delivery since {@link #markFirstDelivery}, 0 if none. */
    public long firstDeliveryNanos() {
        return firstDeliveryAfterOpenNanos.get();
    }
}
