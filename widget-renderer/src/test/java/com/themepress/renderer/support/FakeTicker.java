package com.themepress.renderer.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/** Cache time that tests advance instead of waiting. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    @Override
    public long read() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
