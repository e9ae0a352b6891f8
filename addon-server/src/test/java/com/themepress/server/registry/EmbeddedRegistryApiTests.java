package com.themepress.server.registry;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.EmbeddedServerTest;

/** The registry contract on the embedded MongoDB-wire server with its H2 store, the default setup. */
class EmbeddedRegistryApiTests extends RegistryApiContract {

    static final Path DATA = EmbeddedServerTest.newDataDir();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }
}
