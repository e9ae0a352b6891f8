package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.themepress.server.AddonServerApplication;
import com.themepress.server.storage.EmbeddedMongo;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * Execute reads an addon's current version from memory ({@link CurrentVersions}); a version published or
 * withdrawn on one replica must be what the other runs next, at once, not after the entry's time-to-live
 * (ten minutes here, so only the broadcast can make it happen).
 */
@RequiresRedisServer
class CurrentVersionAcrossReplicasTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startReplicas() {
        redis = RedisServer.start(false);
        first = new SpringApplicationBuilder(AddonServerApplication.class).run(arguments());
        String mongo = first.getBean(EmbeddedMongo.class).connectionString("themepress");
        List<String> shared = new ArrayList<>(List.of(arguments()));
        shared.add("--spring.mongodb.uri=" + mongo);
        second = new SpringApplicationBuilder(AddonServerApplication.class).run(shared.toArray(String[]::new));
        for (ConfigurableApplicationContext replica : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.getBean(RedisMessageListenerContainer.class).isListening());
        }
    }

    static String[] arguments() {
        return new String[] {"--server.port=0", "--themepress.storage.data-dir=" + DATA, "--themepress.keys.admin-key=" + ApiClient.ADMIN_KEY,
                "--spring.data.redis.port=" + redis.port(), "--themepress.registry.current-version-ttl=10m",
                "--themepress.runtime-client.url=http://127.0.0.1:9"};
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {second, first}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        EmbeddedServerTest.delete(DATA);
    }

    static String current(ConfigurableApplicationContext replica, String addon) {
        return replica.getBean(RegistryService.class).latestManifest(addon).version();
    }

    @Test
    void theOtherReplicaRunsANewOrWithdrawnVersionAtOnce() {
        ApiClient one = new ApiClient(((WebServerApplicationContext) first).getWebServer().getPort());
        String key = one.post("/api/keys", "{\"developer\":\"versions\"}", ApiClient.ADMIN_KEY).json().path("key").asString();
        assertThat(one.post("/api/addons/register", Manifests.minimal("moving-target", "1.0.0"), key).status()).isEqualTo(201);
        assertThat(current(second, "moving-target")).isEqualTo("1.0.0"); // now held in the second replica's memory

        assertThat(one.post("/api/addons/register", Manifests.minimal("moving-target", "1.1.0"), key).status()).isEqualTo(201);
        assertThat(current(first, "moving-target")).isEqualTo("1.1.0");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(current(second, "moving-target")).isEqualTo("1.1.0"));

        assertThat(one.delete("/api/addons/moving-target/versions/1.1.0", key).status()).isEqualTo(204);
        assertThat(current(first, "moving-target")).isEqualTo("1.0.0");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(current(second, "moving-target")).isEqualTo("1.0.0"));
    }
}
