package com.themepress.runtime.pool;

import java.util.concurrent.TimeUnit;

import com.themepress.runtime.time.Ticker;

/**
 * Keeps a crashing addon from being restarted in a tight loop. An instance that dies within
 * {@link PoolProperties#crashLoopWindow()} of its creation is a quick death; the first is replaced
 * at once, later ones in a row wait 0.5 s, 1 s, 2 s... up to {@link PoolProperties#maxRestartBackoff()}.
 * Any other loss (a timeout, a death after the window) resets the count. Guarded by the pool lock.
 */
final class CrashBackoff {

    private static final long FIRST_DELAY = TimeUnit.MILLISECONDS.toNanos(500);

    private final PoolProperties props;
    private final Ticker ticker;
    private int quickDeaths;
    private long restartNotBefore;

    CrashBackoff(PoolProperties props, Ticker ticker) {
        this.props = props;
        this.ticker = ticker;
        this.restartNotBefore = ticker.nanoTime();
    }

    /**
     * An instance of the current spec is gone.
     *
     * @param crash whether it died (rather than being recycled after a timeout)
     * @return nanoseconds to wait before starting its successor; 0 for at once
     */
    long lost(Instance instance, boolean crash) {
        boolean quick = ticker.nanoTime() - instance.createdNanos() < props.crashLoopWindow().toNanos();
        quickDeaths = crash && quick ? quickDeaths + 1 : 0;
        long delay = delayNanos();
        restartNotBefore = ticker.nanoTime() + delay;
        return delay;
    }

    /** Whether restarts are being held back now. */
    boolean holding() {
        return ticker.nanoTime() - restartNotBefore < 0;
    }

    private long delayNanos() {
        if (quickDeaths <= 1) {
            return 0;
        }
        int shift = Math.min(20, quickDeaths - 2);
        return Math.min(props.maxRestartBackoff().toNanos(), FIRST_DELAY << shift);
    }
}
