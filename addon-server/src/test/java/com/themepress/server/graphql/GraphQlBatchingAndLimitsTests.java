package com.themepress.server.graphql;

import static com.themepress.server.graphql.GraphQlCalls.errorType;
import static com.themepress.server.graphql.GraphQlCalls.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;

import tools.jackson.databind.JsonNode;

/**
 * Nested lists are read in batches (a query for 50 addons with their widgets, endpoints and versions
 * makes a fixed number of store reads, counted at the MongoDB driver), and a query that is too deep
 * or too heavy is refused before any field runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.graphql.max-depth=5", "themepress.graphql.max-complexity=2000", "themepress.quotas.developer-instances=100" })
class GraphQlBatchingAndLimitsTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime().executeAnswer("batch-00", "ping", "{\"pong\":true}");
    static final AtomicInteger READS = new AtomicInteger();
    static final Set<String> READ_COMMANDS = Set.of("find", "aggregate", "count", "distinct", "getMore");
    static final Set<String> REGISTRY = Set.of("addons", "addon_versions");
    static final int ADDONS = 50;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.close();
        EmbeddedServerTest.delete(DATA);
    }

    /**
     * Counts the read commands the addon-server sends to the registry's collections. Reads of the other
     * collections are the background work of the events and calls features (their pollers), which may fall
     * into a query's window and are not the query's.
     */
    @TestConfiguration
    static class StoreReads {
        @Bean
        MongoClientSettingsBuilderCustomizer countReads() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    String command = event.getCommandName();
                    if (READ_COMMANDS.contains(command) && REGISTRY.contains(collectionOf(event, command))) {
                        READS.incrementAndGet();
                    }
                }
            });
        }

        private static String collectionOf(CommandStartedEvent event, String command) {
            String key = "getMore".equals(command) ? "collection" : command;
            return event.getCommand().containsKey(key) && event.getCommand().get(key).isString()
                    ? event.getCommand().getString(key).getValue() : "";
        }
    }

    /**
     * Waits until no registry read has come for half a second: a registration's catalogue refresh reads
     * the addons in the background, and must not be counted as the next query's.
     */
    static void untilTheRegistryIsQuiet() {
        int[] last = {-1};
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int now = READS.get();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    @LocalServerPort
    int port;

    static boolean registered;
    GraphQlCalls graphql;

    @BeforeEach
    void registerFiftyAddonsWithWidgets() {
        graphql = new GraphQlCalls("http://127.0.0.1:" + port + "/graphql");
        if (registered) {
            return;
        }
        ApiClient rest = new ApiClient(port);
        String key = rest.developerKey("batcher");
        for (int i = 0; i < ADDONS; i++) {
            String name = "batch-%02d".formatted(i);
            ApiClient.Reply reply = rest.post("/api/addons/register", """
                    {"name": "%s", "version": "1.0.%d", "category": "utilities",
                     "widgets": [{"name": "card", "displayName": "Card", "category": "display",
                                  "configSchema": {"type": "object", "properties": {"title": {"type": "string", "default": "Hi"}}}},
                                 "badge"],
                     "endpoints": [{"name": "ping", "public": true}],
                     "resources": {"memoryMb": 64, "cpus": 0.1, "maxInstances": 1}}""".formatted(name, i), key);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        registered = true;
    }

    @Test
    void fiftyAddonsWithTheirWidgetsEndpointsAndVersionsTakeAFixedNumberOfStoreReads() {
        untilTheRegistryIsQuiet();
        READS.set(0);
        JsonNode answer = graphql.post("""
                { addons(size: 50) { total items { id widgets { id configSchema } apis { name } versions { version } } } }""", null);

        int reads = READS.get();
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        JsonNode items = answer.path("data").path("addons").path("items");
        assertThat(items.size()).isEqualTo(ADDONS);
        items.forEach(addon -> assertThat(addon.path("widgets").size()).isEqualTo(2));
        assertThat(items.path(7).path("widgets").path(0).path("configSchema").path("properties").has("title")).isTrue();
        assertThat(items.path(7).path("versions").path(0).path("version").asString()).isEqualTo("1.0.7");
        // the page from memory; manifests: addons by $in, versions by $in for what the cache lacks; versions: addons by $in
        assertThat(reads).as("store reads for %d addons", ADDONS).isLessThanOrEqualTo(3);
    }

    @Test
    void theWidgetCatalogueReadsSchemasInOneBatchToo() {
        untilTheRegistryIsQuiet();
        READS.set(0);
        JsonNode answer = graphql.post("{ widgets(size: 100) { id configSchema } }", null);

        assertThat(answer.path("data").path("widgets").size()).as(answer.toString()).isEqualTo(2 * ADDONS);
        assertThat(READS.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aQueryTooDeepIsRefusedBeforeAnyFieldRuns() {
        int calls = RUNTIME.total("execute/ping");
        untilTheRegistryIsQuiet();
        READS.set(0);
        JsonNode answer = graphql.post("""
                { executeAddonFunction(addonId: "batch-00", function: "ping") { status }
                  addons { items { widgets { render { html } } } } }""", null);

        assertThat(errorType(answer)).as(answer.toString()).endsWith("/invalid-request");
        assertThat(pointers(answer)).containsExactly("/query");
        assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull()).isTrue();
        assertThat(RUNTIME.total("execute/ping")).as("the addon was not called").isEqualTo(calls);
        assertThat(READS.get()).as("nothing was read").isZero();
    }

    @Test
    void aQueryTooHeavyIsRefusedBeforeAnyFieldRuns() {
        int calls = RUNTIME.total("execute/ping");
        JsonNode answer = graphql.post("""
                { executeAddonFunction(addonId: "batch-00", function: "ping") { status }
                  widgets(size: 100) { render { html css } } }""", null);

        assertThat(errorType(answer)).as(answer.toString()).endsWith("/invalid-request");
        assertThat(answer.path("errors").path(0).path("message").asString()).contains("weighs");
        assertThat(RUNTIME.total("execute/ping")).isEqualTo(calls);
    }

    @Test
    void twoExecutesInOneRequestAreRefusedBeforeEitherRuns() {
        // the gateway counts a GraphQL request as one execute: aliases must not make it several
        int calls = RUNTIME.total("execute/ping");
        JsonNode answer = graphql.post("""
                { a: executeAddonFunction(addonId: "batch-00", function: "ping") { status }
                  b: executeAddonFunction(addonId: "batch-00", function: "ping") { status } }""", null);

        assertThat(errorType(answer)).as(answer.toString()).endsWith("/invalid-request");
        assertThat(RUNTIME.total("execute/ping")).isEqualTo(calls);
    }

    @Test
    void aQueryWithinTheBoundsRuns() {
        JsonNode answer = graphql.post("{ executeAddonFunction(addonId: \"batch-00\", function: \"ping\") { status output } }", null);

        assertThat(answer.path("data").path("executeAddonFunction").path("output").path("pong").asBoolean()).as(answer.toString()).isTrue();
    }
}
