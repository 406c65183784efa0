package io.ckafkamigrator.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A sink that answers at once: counts each record and remembers when the last one arrived.
 * The consumer route delivers to it as {@code bean:benchSink}; the raw poll loop calls
 * {@link #deliver} directly, so both sides do the same work per record.
 */
public final class CountingSink implements Processor {

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastDeliveryNanos;

    @Override
    public void process(Exchange exchange) {
        deliver(exchange.getMessage().getBody(byte[].class));
    }

    void deliver(byte[] value) {
        bytes.addAndGet(value.length);
        records.incrementAndGet();
        lastDeliveryNanos = System.nanoTime();
    }

    long records() {
        return records.get();
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    void reset() {
        records.set(0);
        bytes.set(0);
        lastDeliveryNanos = 0;
    }
}
