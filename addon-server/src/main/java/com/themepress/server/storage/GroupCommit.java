package com.themepress.server.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable before they are acknowledged, with one flush for all the writes that arrive
 * together. A writer takes a ticket once its change is in the store and returns when a flush that
 * began after that has finished. One writer at a time flushes, without holding the lock, so others
 * keep writing and taking tickets meanwhile; the next flush covers all of them. Under load the cost
 * is one flush and sync per round, not per write, and no writer waits for more than two rounds.
 */
final class GroupCommit {

    /** Commits the store's changes and forces them to the disk. */
    interface Flush {
        void flushAndSync();
    }

    private final Flush flush;
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundEnded = lock.newCondition();
    /** The highest ticket known to be on disk. Guarded by {@link #lock}. */
    private long durable;
    /** Guarded by {@link #lock}. */
    private boolean flushing;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Returns once every change made before the call is on disk; throws if the flush failed. */
    void awaitDurable() {
        long ticket = tickets.incrementAndGet();
        lock.lock();
        try {
            while (durable < ticket) {
                if (flushing) {
                    roundEnded.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                // every ticket taken so far belongs to a change that is already in the store
                long upTo = tickets.get();
                boolean done = false;
                lock.unlock();
                try {
                    flush.flushAndSync();
                    flushes.incrementAndGet();
                    done = true;
                } finally {
                    lock.lock();
                    flushing = false;
                    if (done) {
                        durable = Math.max(durable, upTo);
                    }
                    roundEnded.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes done so far: writes per flush is the batching the load achieved. */
    long flushes() {
        return flushes.get();
    }

    long writes() {
        return tickets.get();
    }
}
