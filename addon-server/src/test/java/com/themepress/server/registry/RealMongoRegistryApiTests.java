package com.themepress.server.registry;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.mongodb.MongoDBContainer;

import com.themepress.server.support.ApiClient;
import com.themepress.testsupport.docker.RequiresDockerImage;

/**
 * The same registry contract against a real MongoDB in a container, proving that nothing relies on
 * a quirk of the embedded server. Runs wherever a {@value #IMAGE} image is present locally.
 */
@RequiresDockerImage(RealMongoRegistryApiTests.IMAGE)
class RealMongoRegistryApiTests extends RegistryApiContract {

    static final String IMAGE = "mongo:7";

    /** Created lazily: merely loading this class must not touch Docker when the test is skipped. */
    private static MongoDBContainer mongo;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        mongo = new MongoDBContainer(IMAGE);
        mongo.start();
        registry.add("spring.mongodb.uri", () -> mongo.getReplicaSetUrl("themepress"));
        registry.add("themepress.keys.admin-key", () -> ApiClient.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        if (mongo != null) {
            mongo.stop();
        }
    }
}
