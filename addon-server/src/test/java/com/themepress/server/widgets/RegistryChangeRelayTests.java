package com.themepress.server.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.cluster.BroadcastChannels;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Registering or withdrawing a version tells the widget-renderers: the addon's name is published
 * on themepress:registry-changes before the registration is answered. Uses a redis-server of its
 * own on a free loopback port.
 */
@RequiresRedisServer
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryChangeRelayTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static RedisClient client;
    static final List<String> MESSAGES = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        client = RedisClient.create(redis.uri());
        StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            // plays a renderer: notes the addon, then confirms the change as renderers do
            @Override
            public void message(String channel, String message) {
                String[] parts = message.split(" ", 2);
                MESSAGES.add(channel + " " + parts[0]);
                if (parts.length == 2) {
                    redis.commands().rpush(BroadcastChannels.confirmations(channel, parts[1]), "evicted");
                }
            }
        });
        subscription.sync().subscribe(BroadcastChannels.REGISTRY_CHANGES);
        EmbeddedServerTest.register(registry, DATA);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", redis::port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    @Test
    void publishAndWithdrawAreBroadcastToRenderers() {
        ApiClient api = new ApiClient(port);
        String key = api.developerKey("relay");
        assertThat(api.post("/api/addons/register", Manifests.full("relayed", "1.0.0", "{}"), key).status()).isEqualTo(201);
        // answered only once the renderer had it and confirmed: no waiting here
        assertThat(MESSAGES).contains(BroadcastChannels.REGISTRY_CHANGES + " relayed");

        MESSAGES.clear();
        assertThat(api.delete("/api/addons/relayed/versions/1.0.0", key).status()).isEqualTo(204);
        assertThat(MESSAGES).contains(BroadcastChannels.REGISTRY_CHANGES + " relayed");
    }
}
