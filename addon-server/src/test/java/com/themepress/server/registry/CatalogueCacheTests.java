package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.themepress.server.registry.RegistryViews.AddonSummary;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class CatalogueCacheTests {

    private final AtomicInteger loads = new AtomicInteger();
    private final CatalogueCache.Key key = new CatalogueCache.Key("analytics", null, 0, 20);

    /** Loads after the first wait for this, so a test can tell a reader who waited from one who did not. */
    private final CountDownLatch reloadsMayFinish = new CountDownLatch(1);

    private CatalogueCache cache(Duration ttl, Duration maxAge) {
        return new CatalogueCache(new RegistryProperties(ttl, maxAge, 100), new SimpleMeterRegistry(), k -> {
            if (loads.get() > 0) {
                awaitRelease();
            }
            return new CataloguePage<AddonSummary>(List.of(), k.page(), k.size(), loads.incrementAndGet());
        });
    }

    private void awaitRelease() {
        try {
            reloadsMayFinish.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFreshPageIsServedFromMemory() {
        CatalogueCache cache = cache(Duration.ofHours(1), Duration.ofHours(2));
        assertThat(cache.get(key).total()).isEqualTo(1);
        assertThat(cache.get(key).total()).isEqualTo(1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void anAgedPageIsAnsweredAtOnceAndReloadedBehindTheReader() throws InterruptedException {
        CatalogueCache cache = cache(Duration.ofMillis(50), Duration.ofHours(1));
        cache.get(key);
        Thread.sleep(120);
        // The reader past the refresh age gets the copy there is while the reload is still held back...
        assertThat(cache.get(key).total()).isEqualTo(1);
        assertThat(cache.get(key).total()).isEqualTo(1);
        // ...and once it may finish, it lands for the readers after it.
        reloadsMayFinish.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cache.get(key).total() == 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.get(key).total()).isEqualTo(2);
    }

    @Test
    void aRegistryChangeDropsEveryPage() {
        CatalogueCache cache = cache(Duration.ofHours(1), Duration.ofHours(2));
        cache.get(key);
        reloadsMayFinish.countDown();
        cache.on(new RegistryChanged("clock-widget"));
        assertThat(cache.get(key).total()).isEqualTo(2);
    }

    @Test
    void refusesAMaximumAgeNotLongerThanTheRefreshAge() {
        assertThatThrownBy(() -> new RegistryProperties(Duration.ofSeconds(5), Duration.ofSeconds(5), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalogue-cache-max-age");
    }
}
