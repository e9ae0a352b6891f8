package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.schema.JsonSchemaCheck;

class ManifestCacheTests {

    static final DataSize BOUND = DataSize.ofMegabytes(1);

    final ManifestCache cache = new ManifestCache(new RegistryProperties(Duration.ofMinutes(10), BOUND));

    static String manifest(String name) {
        return "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"description\":\"" + "x".repeat(1_900) + "\",\"widgets\":[],"
                + "\"endpoints\":[],\"dependencies\":{},\"permissions\":[]}";
    }

    @Test
    void aVersionsManifestIsParsedOnceAndShared() {
        AtomicInteger reads = new AtomicInteger();

        AddonManifest first = cache.get("shop@1.0.0", () -> {
            reads.incrementAndGet();
            return manifest("shop");
        });
        AddonManifest second = cache.get("shop@1.0.0", () -> {
            reads.incrementAndGet();
            return manifest("shop");
        });

        assertThat(second).isSameAs(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void parsedManifestsAreBoundedByTheirEstimatedHeap() {
        for (int i = 0; i < 100; i++) {
            String name = "addon-" + i;
            cache.get(name + "@1.0.0", () -> manifest(name));
        }

        assertThat(cache.weightedSize()).isPositive().isLessThanOrEqualTo(BOUND.toBytes());
        assertThat(100L * JsonSchemaCheck.HEAP_PER_SOURCE_BYTE * manifest("addon-0").length()).isGreaterThan(BOUND.toBytes() * 2);
    }
}
