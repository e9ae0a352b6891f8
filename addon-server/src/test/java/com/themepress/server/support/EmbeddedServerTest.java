package com.themepress.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Gives each test class its own data directory for the embedded MongoDB-wire server. */
public final class EmbeddedServerTest {

    private EmbeddedServerTest() {
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("themepress-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void register(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("themepress.storage.data-dir", dataDir::toString);
        registry.add("themepress.keys.admin-key", () -> ApiClient.ADMIN_KEY);
        // Tests register addons named like the examples (the spec's seed is payment-gateway), without an
        // image, under keys of their own: this rig reserves no images for the examples' developer, as an
        // operator without the examples would. ImageRegistrationTests checks the shipped setting.
        registry.add("themepress.images.namespaces.examples", () -> "");
    }

    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
