package com.themepress.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.themepress.server.AddonServerApplication;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.storage.EmbeddedMongo;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.KillArgs;
import tools.jackson.databind.JsonNode;

/**
 * Revoking a developer key, on two addon-server replicas sharing one store and one Redis, as
 * {@code ClusterBroadcastTests} runs them. Each replica remembers verified keys for five minutes here,
 * so only the revocation's broadcast (or the resubscription safety net) can make the other one refuse
 * a key it has already verified.
 */
@RequiresRedisServer
class KeyRevocationTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final AtomicInteger ADDONS = new AtomicInteger();
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
                "--themepress.keys.verified-cache-ttl=5m", "--themepress.runtime-client.url=http://127.0.0.1:9"));
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

    /** An authenticated write: what a holder of the key would do with it. */
    static Reply register(ApiClient api, String key) {
        return api.post("/api/addons/register", Manifests.minimal("revoke-probe-" + ADDONS.incrementAndGet(), "1.0.0"), key);
    }

    /** The issued key's secret and id. */
    static String[] issue(ApiClient api, String developer) {
        Reply reply = api.post("/api/keys", "{\"developer\":\"" + developer + "\"}", ApiClient.ADMIN_KEY);
        assertThat(reply.status()).isEqualTo(201);
        return new String[] {reply.json().path("key").asString(), reply.json().path("id").asString()};
    }

    @Test
    void aRevokedKeyIsRefusedRightAfterTheDeleteOnEveryReplica() {
        ApiClient one = client(first);
        ApiClient two = client(second);
        String[] issued = issue(one, "leaver");
        String key = issued[0];
        // both replicas have verified the key, so both remember it
        assertThat(register(one, key).status()).isEqualTo(201);
        assertThat(register(two, key).status()).isEqualTo(201);

        assertThat(one.delete("/api/keys/" + issued[1], ApiClient.ADMIN_KEY).status()).isEqualTo(204);

        for (ApiClient replica : List.of(one, two)) {
            Reply refused = register(replica, key);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.json().path("detail").asString()).contains("revoked");
        }
    }

    @Test
    void aReplicaThatMissedTheBroadcastForgetsVerifiedKeysWhenItResubscribes() {
        ApiClient two = client(second);
        String[] issued = issue(two, "missed-broadcast");
        String key = issued[0];
        assertThat(register(two, key).status()).isEqualTo(201);
        // revoked in the store with no broadcast at all: what a replica cut off from Redis sees
        first.getBean(MongoTemplate.class).updateFirst(Query.query(Criteria.where("keyId").is(issued[1])),
                Update.update("revokedAt", Instant.now()), ApiKeyDocument.class);
        assertThat(register(two, key).status()).isEqualTo(201); // still remembered: the gap this test closes

        // Redis drops the subscribers' connections; each replica reconnects and subscribes again
        redis.commands().clientKill(KillArgs.Builder.typePubsub());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(register(two, key).status()).isEqualTo(401));
        // both subscribed again before the next test broadcasts
        String channel = first.getBean(EventStreams.class).broadcastChannel();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.commands().pubsubNumsub(channel).get(channel) == 2);
    }

    @Test
    void revokingTwiceIsHarmlessAndAnUnknownIdIs404() {
        ApiClient one = client(first);
        String[] issued = issue(one, "twice");

        assertThat(one.delete("/api/keys/" + issued[1], ApiClient.ADMIN_KEY).status()).isEqualTo(204);
        assertThat(one.delete("/api/keys/" + issued[1], ApiClient.ADMIN_KEY).status()).isEqualTo(204);
        for (String unknown : List.of(UUID.randomUUID().toString(), "not-an-id")) {
            Reply reply = one.delete("/api/keys/" + unknown, ApiClient.ADMIN_KEY);
            assertThat(reply.status()).as(unknown).isEqualTo(404);
            assertThat(reply.isProblem()).isTrue();
        }
    }

    @Test
    void onlyTheAdminListsAndRevokes() {
        ApiClient one = client(first);
        String[] developer = issue(one, "mallory");
        String[] victim = issue(one, "victim");

        for (String key : new String[] {null, "tpk_forged", developer[0]}) {
            int expected = developer[0].equals(key) ? 403 : 401;
            Reply list = one.get("/api/keys", key);
            assertThat(list.status()).as("list with %s", key).isEqualTo(expected);
            assertThat(list.isProblem()).isTrue();
            Reply revoke = one.delete("/api/keys/" + victim[1], key);
            assertThat(revoke.status()).as("revoke with %s", key).isEqualTo(expected);
            assertThat(revoke.isProblem()).isTrue();
        }
        assertThat(register(one, victim[0]).status()).isEqualTo(201); // the victim's key still works
    }

    @Test
    void theListShowsIdsOwnersAndStateButNeverASecret() {
        ApiClient one = client(first);
        String developer = "lister-" + ADDONS.incrementAndGet();
        List<String[]> issued = List.of(issue(one, developer), issue(one, developer), issue(one, developer));
        assertThat(one.delete("/api/keys/" + issued.get(0)[1], ApiClient.ADMIN_KEY).status()).isEqualTo(204);

        Reply page = one.get("/api/keys?developer=" + developer + "&size=2", ApiClient.ADMIN_KEY);
        Reply rest = one.get("/api/keys?developer=" + developer + "&size=2&page=1", ApiClient.ADMIN_KEY);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("total").asLong()).isEqualTo(3);
        assertThat(page.json().path("items").size()).isEqualTo(2);
        assertThat(rest.json().path("items").size()).isEqualTo(1);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        rest.json().path("items").forEach(items::add);
        // newest first (keys made in one millisecond may come in either order), each with what tells keys apart
        assertThat(items).extracting(item -> Instant.parse(item.path("createdAt").asString()))
                .isSortedAccordingTo(Comparator.<Instant>reverseOrder());
        assertThat(items).extracting(item -> item.path("id").asString())
                .containsExactlyInAnyOrder(issued.get(0)[1], issued.get(1)[1], issued.get(2)[1]);
        for (int i = 0; i < 3; i++) {
            String id = issued.get(i)[1];
            String secret = issued.get(i)[0];
            JsonNode item = items.stream().filter(it -> it.path("id").asString().equals(id)).findFirst().orElseThrow();
            assertThat(item.path("developer").asString()).isEqualTo(developer);
            assertThat(item.path("lastFour").asString()).isEqualTo(secret.substring(secret.length() - 4));
            assertThat(item.path("revoked").asBoolean()).isEqualTo(i == 0);
            assertThat(item.path("revokedAt").isNull()).isEqualTo(i != 0);
            assertThat(item.has("key")).isFalse();
        }
        for (String[] key : issued) {
            for (Reply reply : List.of(page, rest, one.get("/api/keys?size=100", ApiClient.ADMIN_KEY))) {
                assertThat(reply.body()).doesNotContain(key[0]).doesNotContain(ApiKeys.hash(key[0]))
                        .doesNotContain(key[0].substring(ApiKeys.PREFIX.length(), key[0].length() - 4));
            }
        }
    }

    @Test
    void aBadListingQueryIs400WithPointers() {
        Reply reply = client(first).get("/api/keys?size=0&page=x&developer=NOT_A_SLUG", ApiClient.ADMIN_KEY);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.pointers()).containsExactlyInAnyOrder("/developer", "/page", "/size");
    }
}
