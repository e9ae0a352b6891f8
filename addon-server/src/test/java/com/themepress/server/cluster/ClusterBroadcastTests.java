package com.themepress.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.themepress.server.AddonServerApplication;
import com.themepress.server.events.delivery.DeliveryEngine;
import com.themepress.server.registry.RegistryChanged;
import com.themepress.server.storage.EmbeddedMongo;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * Two addon-server replicas on one MongoDB and one Redis. Catalogue pages are cached for an hour
 * here, so only the Redis pub/sub broadcast of a registration can make the other replica show it;
 * the same broadcast makes the other replica start delivering to a newly registered subscriber.
 */
@RequiresRedisServer
class ClusterBroadcastTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static final List<RegistryChanged> heardBySecond = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startReplicas() {
        redis = RedisServer.start(false);
        first = replica(null);
        String mongo = first.getBean(EmbeddedMongo.class).connectionString("themepress");
        second = new SpringApplicationBuilder(AddonServerApplication.class)
                .listeners((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
                    if (e.getPayload() instanceof RegistryChanged change) {
                        heardBySecond.add(change);
                    }
                })
                .run(arguments("--spring.mongodb.uri=" + mongo));
        for (ConfigurableApplicationContext replica : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.getBean(RedisMessageListenerContainer.class).isListening());
        }
    }

    static ConfigurableApplicationContext replica(String extra) {
        return new SpringApplicationBuilder(AddonServerApplication.class).run(arguments(extra));
    }

    static String[] arguments(String extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--themepress.storage.data-dir=" + DATA,
                "--themepress.keys.admin-key=" + ApiClient.ADMIN_KEY, "--spring.data.redis.port=" + redis.port(),
                "--themepress.registry.catalogue-resync-interval=1h", "--themepress.runtime-client.url=http://127.0.0.1:9"));
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
    void aRegistrationOnOneReplicaReachesTheOtherReplicasCatalogue() {
        ApiClient one = client(first);
        ApiClient two = client(second);
        assertThat(two.get("/api/addons?category=utilities").json().path("items")).isEmpty(); // its catalogue is in memory and not reloaded for an hour

        assertThat(one.post("/api/addons/register", "{\"name\":\"clock-widget\",\"version\":\"1.0.0\",\"category\":\"utilities\"}",
                one.developerKey("maker")).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(two.get("/api/addons?category=utilities").json()
                .path("items")).extracting(a -> a.path("name").asString()).containsExactly("clock-widget"));
        // with what it knows: this addon does not subscribe to events, so no replica reads its manifest for that
        assertThat(heardBySecond).anySatisfy(change -> {
            assertThat(change.addon()).isEqualTo("clock-widget");
            assertThat(change.subscriber()).isFalse();
        });
    }

    @Test
    void theOtherReplicaStartsDeliveringToANewSubscriberItHeardOf() {
        ApiClient one = client(first);
        assertThat(one.post("/api/addons/register", """
                {"name":"mailer","version":"1.0.0","events":{"subscribes":["user.*"]},"permissions":["events.subscribe"]}""",
                one.developerKey("mail-dev")).status()).isEqualTo(201);

        assertThat(first.getBean(DeliveryEngine.class).subscribers()).contains("mailer");
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getBean(DeliveryEngine.class).subscribers().contains("mailer"));
    }

    @Test
    void aBroadcastIsNotHeardTwiceByItsSender() {
        List<RegistryChanged> heardByFirst = new CopyOnWriteArrayList<>();
        first.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
            if (e.getPayload() instanceof RegistryChanged change) {
                heardByFirst.add(change);
            }
        });
        first.getBean(ClusterBroadcasts.class).publish(new RegistryChanged("echo-check"));

        await().atMost(Duration.ofSeconds(5)).until(() -> heardBySecond.contains(new RegistryChanged("echo-check")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> heardByFirst.stream().filter(c -> c.addon().equals("echo-check")).count() == 1);
    }

    @Test
    void aConfirmedBroadcastReturnsOnlyOnceTheOtherReplicaHasHandledIt() {
        boolean confirmed = first.getBean(ClusterBroadcasts.class)
                .publishAndConfirm(new RegistryChanged("confirm-check"), Duration.ofSeconds(5));

        assertThat(confirmed).isTrue();
        assertThat(heardBySecond).contains(new RegistryChanged("confirm-check")); // no waiting: heard before the call returned
    }
}
