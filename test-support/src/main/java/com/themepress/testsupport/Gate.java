package com.themepress.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a fake's answers until the test lets them go: a slow addon or renderer without a sleep. The
 * test closes the gate, waits (Awaitility) until {@link #waiting()} callers are held, checks what it
 * wants, and opens it. A caller waits {@link #LONGEST} at most, so a test that forgets to open the
 * gate cannot hang its fake's threads.
 */
public final class Gate {

    public static final Duration LONGEST = Duration.ofSeconds(30);

    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch latch;

    private Gate(boolean open) {
        this.latch = new CountDownLatch(open ? 0 : 1);
    }

    public static Gate opened() {
        return new Gate(true);
    }

    public static Gate closed() {
        return new Gate(false);
    }

    /** From now on callers of {@link #pass()} wait, until {@link #open()}. */
    public synchronized void close() {
        if (latch.getCount() == 0) {
            latch = new CountDownLatch(1);
        }
    }

    /** Lets every held caller go, and the ones that come later pass at once. */
    public synchronized void open() {
        latch.countDown();
    }

    public boolean isOpen() {
        return latch.getCount() == 0;
    }

    /** How many callers are held right now. */
    public int waiting() {
        return waiting.get();
    }

    /** Returns when the gate is open; false when {@link #LONGEST} passed first or the thread was interrupted. */
    public boolean pass() {
        CountDownLatch current = latch;
        if (current.getCount() == 0) {
            return true;
        }
        waiting.incrementAndGet();
        try {
            return current.await(LONGEST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }
}
