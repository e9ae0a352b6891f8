package com.themepress.server.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.themepress.model.cluster.BroadcastChannels;
import com.themepress.server.AddonServerApplication;
import com.themepress.server.storage.EmbeddedMongo;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.databind.JsonNode;

/**
 * Two addon-server replicas sharing one store and one Redis, each caching sites and installations:
 * a rotated site key and a changed grant hold on the other replica as soon as the change is
 * answered, not when the other's cache expires; and a change reaches the renderers once.
 */
@RequiresRedisServer
class SiteReplicaTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startReplicas() {
        redis = RedisServer.start(false);
        first = new SpringApplicationBuilder(AddonServerApplication.class).run(arguments(null));
        String mongo = first.getBean(EmbeddedMongo.class).connectionString("themepress");
        second = new SpringApplicationBuilder(AddonServerApplication.class).run(arguments("--spring.mongodb.uri=" + mongo));
        for (ConfigurableApplicationContext replica : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.getBean(RedisMessageListenerContainer.class).isListening());
        }
    }

    static String[] arguments(String extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--themepress.storage.data-dir=" + DATA,
                "--themepress.keys.admin-key=" + ApiClient.ADMIN_KEY, "--spring.data.redis.port=" + redis.port(),
                "--themepress.images.namespaces.examples=", "--themepress.runtime-client.url=http://127.0.0.1:9"));
        if (extra != null) {
            args.add(extra);
        }
        return args.toArray(String[]::new);
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

    static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aRotatedKeyAndAChangedGrantHoldOnTheOtherReplicaOnceAnswered() {
        ApiClient one = client(first);
        ApiClient two = client(second);
        String examples = one.developerKey("examples");
        assertThat(one.post("/api/addons/register", Manifests.example("payment-gateway"), examples).status()).isEqualTo(201);
        Reply created = one.post("/api/sites", "{\"id\":\"twin\",\"name\":\"Twin\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        String secret = created.json().path("keys").path("secret").asString();
        assertThat(one.post("/api/sites/twin/addons", "{\"addon\":\"payment-gateway\",\"grant\":[\"events.publish\"]}", secret).status())
                .isEqualTo(201);
        String resolution = "/internal/widgets/payment-gateway/checkout-form?site=twin";
        // the second replica reads, and so caches, the site and the installation
        assertThat(two.get("/api/sites/twin", secret).status()).isEqualTo(200);
        assertThat(two.get(resolution).json().path("pageScript").asBoolean()).isFalse();

        assertThat(patch(first, "/api/sites/twin/addons/payment-gateway", "{\"grant\":[\"events.publish\",\"page.script\"]}", secret))
                .isEqualTo(200);
        assertThat(two.get(resolution).json().path("pageScript").asBoolean()).as("the grant, on the other replica at once").isTrue();

        String keyId = null;
        for (JsonNode key : one.get("/api/sites/twin/keys", secret).json()) {
            if (key.path("kind").asString().equals("secret")) {
                keyId = key.path("id").asString();
            }
        }
        Reply rotated = one.post("/api/sites/twin/keys/" + keyId + "/rotate", "", secret);
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(two.get("/api/sites/twin", secret).status()).as("the old key, on the other replica at once").isEqualTo(401);
        assertThat(two.get("/api/sites/twin", rotated.json().path("secret").asString()).status()).isEqualTo(200);
    }

    /**
     * Both replicas hear a registration; only the one where it happened tells the renderers (and waits
     * for them). Here a stand-in renderer counts the notices and confirms each, as renderers do.
     */
    @Test
    void aRegistrationIsToldToTheRenderersOnceNotByEveryReplica() {
        List<String> notices = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub()) {
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    String[] parts = message.split(" ", 2);
                    notices.add(parts[0]);
                    if (parts.length == 2) {
                        redis.commands().rpush(BroadcastChannels.confirmations(channel, parts[1]), "evicted");
                    }
                }
            });
            subscription.sync().subscribe(BroadcastChannels.REGISTRY_CHANGES);
            ApiClient one = client(first);

            assertThat(one.post("/api/addons/register", Manifests.minimal("told-once", "1.0.0"), one.developerKey("teller")).status())
                    .isEqualTo(201);

            assertThat(notices).as("told before the answer").contains("told-once");
            // the other replica has heard it too by now (its catalogue has the addon); it must not tell again
            await().atMost(Duration.ofSeconds(5)).until(() -> client(second).get("/api/addons?q=told-once").body().contains("told-once"));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> notices.stream().filter("told-once"::equals).count() == 1);
        } finally {
            client.shutdown();
        }
    }

    /** ApiClient speaks GET, POST and DELETE; a PATCH goes through the JDK client. */
    static int patch(ConfigurableApplicationContext replica, String path, String body, String key) {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("X-API-Key", key).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
