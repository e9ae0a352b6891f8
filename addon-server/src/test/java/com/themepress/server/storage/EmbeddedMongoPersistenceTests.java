package com.themepress.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.themepress.server.AddonServerApplication;
import com.themepress.server.permissions.ImageProperties;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Without spring.mongodb.uri the registry lives on disk: a restarted server still has it. */
@RequiresRedisServer
class EmbeddedMongoPersistenceTests {

    /** Health is UP only with Redis too; the store is what this test is about, Redis only has to be there. */
    static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    final Path data = EmbeddedServerTest.newDataDir();

    @AfterEach
    void cleanUp() throws Exception {
        EmbeddedServerTest.delete(data);
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(AddonServerApplication.class).run(
                "--server.port=0",
                "--spring.data.redis.port=" + redis.port(),
                "--themepress.storage.data-dir=" + data,
                "--themepress.keys.admin-key=" + ApiClient.ADMIN_KEY);
    }

    static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void keepsRegisteredAddonsAndKeysAcrossARestart() {
        String key;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBean(EmbeddedMongo.class)).isNotNull();
            ApiClient api = client(first);
            key = api.developerKey(ImageProperties.EXAMPLES_DEVELOPER); // the seed is the examples' payment-gateway
            assertThat(api.post("/api/addons/register", Manifests.SHORT_SEED, key).status()).isEqualTo(201);
            assertThat(api.post("/api/addons/register", Manifests.minimal("payment-gateway", "1.1.0"), key).status()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            assertThat(api.get("/actuator/health").body()).contains("\"status\":\"UP\"");
            assertThat(api.get("/api/addons/payment-gateway").json().path("latestVersion").asString()).isEqualTo("1.1.0");
            assertThat(api.get("/api/addons/payment-gateway/versions").json().size()).isEqualTo(2);
            // Keys survive too, and the unique index still holds after reopening the store.
            assertThat(api.post("/api/addons/register", Manifests.SHORT_SEED, key).status()).isEqualTo(409);
        }
    }

    @Test
    void usesConfiguredMongoUriInsteadOfEmbeddedStore() {
        MongoServer external = new MongoServer(new MemoryBackend());
        external.bind("127.0.0.1", 0);
        InetSocketAddress address = external.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort() + "/elsewhere";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AddonServerApplication.class).run(
                "--server.port=0", "--themepress.storage.data-dir=" + data,
                "--themepress.keys.admin-key=" + ApiClient.ADMIN_KEY, "--spring.mongodb.uri=" + uri);
                MongoClient direct = MongoClients.create(uri)) {
            assertThat(context.getBeanNamesForType(EmbeddedMongo.class)).isEmpty();
            ApiClient api = client(context);
            assertThat(api.post("/api/addons/register", Manifests.SHORT_SEED, api.developerKey(ImageProperties.EXAMPLES_DEVELOPER)).status()).isEqualTo(201);

            assertThat(direct.getDatabase("elsewhere").getCollection("addon_versions").countDocuments()).isEqualTo(1);
            assertThat(data.resolve("registry.mv")).doesNotExist();
        } finally {
            external.shutdownNow();
        }
    }

    /** The store holds every key's hash: nobody but its owner may read the folder it lives in. */
    @Test
    void theDataDirectoryIsTheOwnersOnlyAndALooseOneIsTightened() throws Exception {
        Path fresh = data.resolve("made/addon-server");
        Path loose = Files.createDirectories(data.resolve("loose"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxr-xr-x"));

        EmbeddedMongo.ownerOnly(fresh);
        EmbeddedMongo.ownerOnly(loose);

        for (Path dir : List.of(fresh, fresh.getParent(), loose)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString()).isEqualTo("rwx------");
        }
    }
}
