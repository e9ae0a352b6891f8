package com.themepress.server.graphql;

import static com.themepress.server.graphql.GraphQlCalls.errorType;
import static com.themepress.server.graphql.GraphQlCalls.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

import graphql.introspection.IntrospectionQuery;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18 at {@code /graphql}: the seed's queries and mutations answer what REST answers, with the
 * same keys, and the same bad input gets the same problem type and pointers (compared side by side).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphQlApiTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime()
            .executeAnswer("payment-gateway", "process-payment", "{\"status\":\"approved\"}")
            .executeAnswer("payment-gateway", "refund", "{\"refunded\":true}");

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

    @LocalServerPort
    int port;

    static String examplesKey;
    ApiClient rest;
    GraphQlCalls graphql;
    String site;
    String secret;

    @BeforeEach
    void registerExamplesAndCreateASite() {
        rest = new ApiClient(port);
        graphql = new GraphQlCalls("http://127.0.0.1:" + port + "/graphql");
        if (examplesKey == null) {
            examplesKey = rest.developerKey("examples");
            assertThat(rest.post("/api/addons/register", Manifests.example("payment-gateway"), examplesKey).status()).isEqualTo(201);
            assertThat(rest.post("/api/addons/register", Manifests.example("inventory"), examplesKey).status()).isEqualTo(201);
        }
        site = "gq-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply created = rest.post("/api/sites", "{\"id\":\"" + site + "\",\"name\":\"Shop\",\"origins\":[\"https://shop.example\"]}",
                ApiClient.ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        secret = created.json().path("keys").path("secret").asString();
    }

    @Test
    void theSeedsAddonQueryAnswersWhatTheRegistryHolds() {
        JsonNode answer = graphql.post("""
                { addon(id: "payment-gateway") { id name version category widgets { id name configSchema }
                  apis { name public permissions } versions { version withdrawn } } }""", null);

        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        JsonNode addon = answer.path("data").path("addon");
        JsonNode rested = rest.get("/api/addons/payment-gateway").json();
        assertThat(addon.path("id").asString()).isEqualTo("payment-gateway");
        assertThat(addon.path("version").asString()).isEqualTo(rested.path("latestVersion").asString());
        assertThat(names(addon.path("widgets"))).containsExactly("checkout-form", "payment-status", "receipt");
        assertThat(addon.path("widgets").path(0).path("configSchema").path("properties").has("currency")).isTrue();
        assertThat(names(addon.path("apis"))).containsExactly("process-payment", "verify-transaction", "refund");
        assertThat(addon.path("apis").path(0).path("public").asBoolean()).isTrue();
        assertThat(addon.path("apis").path(2).path("permissions").toString()).isEqualTo("[\"storage.write\"]");
        assertThat(addon.path("versions").path(0).path("version").asString()).isEqualTo("1.0.0");
    }

    @Test
    void theSeedsWidgetsQueryIsTheWidgetCatalogue() {
        JsonNode answer = graphql.post("{ widgets(category: \"form\") { id name addon configSchema } }", null);

        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        List<String> ids = new ArrayList<>();
        answer.path("data").path("widgets").forEach(w -> ids.add(w.path("id").asString()));
        List<String> rested = new ArrayList<>();
        rest.get("/api/widgets?category=form").json().path("items").forEach(w -> rested.add(w.path("addon").asString() + "/" + w.path("name").asString()));
        assertThat(ids).isNotEmpty().isEqualTo(rested);
        assertThat(answer.path("data").path("widgets").path(0).path("configSchema").isObject()).as("read from the manifest").isTrue();
    }

    @Test
    void badQueriesGetTheRestProblemTypeAndPointers() {
        sameError(graphql.post("{ addon(id: \"Not_A_Name\") { id } }", null), rest.get("/api/addons/Not_A_Name"));
        sameError(graphql.post("{ addon(id: \"no-such-addon\") { id } }", null), rest.get("/api/addons/no-such-addon"));
        sameError(graphql.post("{ addons(category: \"toys\", q: \"" + "x".repeat(101) + "\", page: -1, size: 500) { total } }", null),
                rest.get("/api/addons?category=toys&q=" + "x".repeat(101) + "&page=-1&size=500"));
        sameError(graphql.post("{ widgets(category: \"toys\", size: 0) { id } }", null), rest.get("/api/widgets?category=toys&size=0"));
        sameError(graphql.post("{ eventLog { next } }", examplesKey), rest.get("/api/events", examplesKey));
        sameError(graphql.post("{ eventLog(type: \"Bad Type\", size: 1000) { next } }", ApiClient.ADMIN_KEY),
                rest.get("/api/events?type=Bad%20Type&size=1000", ApiClient.ADMIN_KEY));
        sameError(graphql.post("{ site(id: \"" + site + "\") { id } }", null), rest.get("/api/sites/" + site + "/addons"));
        sameError(graphql.post("{ site(id: \"" + site + "\") { id } }", examplesKey), rest.get("/api/sites/" + site + "/addons", examplesKey));
    }

    @Test
    void badExecuteInputGetsTheRestProblemTypeAndPointers() {
        String badPayment = "{\"amount\":-5,\"currency\":\"EURO\",\"method\":\"card\"}";
        sameError(execute("process-payment", badPayment, null), rest.post("/api/addons/payment-gateway/execute",
                "{\"action\":\"process-payment\",\"data\":" + badPayment + "}", null));
        sameError(execute("no-such-endpoint", "{}", null), rest.post("/api/addons/payment-gateway/execute",
                "{\"action\":\"no-such-endpoint\",\"data\":{}}", null));
        sameError(execute("refund", "{\"transactionId\":\"t\"}", null), rest.post("/api/addons/payment-gateway/execute",
                "{\"action\":\"refund\",\"data\":{\"transactionId\":\"t\"}}", null));
        JsonNode notInstalled = execute("refund", "{\"transactionId\":\"t\"}", secret);
        sameError(notInstalled, rest.post("/api/addons/payment-gateway/execute", "{\"action\":\"refund\",\"data\":{\"transactionId\":\"t\"}}", secret));
        assertThat(errorType(notInstalled)).endsWith("/not-found");
    }

    @Test
    void theSeedsMutationsInstallConfigureAndExecuteForTheKeysSite() {
        JsonNode refused = install("{\"widgets\":{\"checkout-form\":{\"currency\":\"dollars\"},\"nope\":{}}}");
        ApiClient.Reply rested = rest.post("/api/sites/" + site + "/addons", "{\"addon\":\"payment-gateway\",\"grant\":[\"events.publish\"],"
                + "\"config\":{\"widgets\":{\"checkout-form\":{\"currency\":\"dollars\"},\"nope\":{}}}}", secret);
        sameError(refused, rested);
        assertThat(pointers(refused)).contains("/config/widgets/checkout-form/currency", "/config/widgets/nope");

        JsonNode installed = install("{\"widgets\":{\"checkout-form\":{\"currency\":\"EUR\"}},\"settings\":{\"mode\":\"test\"}}");
        assertThat(installed.has("errors")).as(installed.toString()).isFalse();
        JsonNode result = installed.path("data").path("installAddon");
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("installation").path("site").asString()).as("the secret key's own site").isEqualTo(site);
        assertThat(result.path("installation").path("config").path("widgets").path("checkout-form").has("title")).as("defaults filled in").isTrue();

        JsonNode denied = graphql.post("mutation { executeAddonFunction(addonId: \"payment-gateway\", function: \"refund\", "
                + "data: {transactionId: \"t1\"}) { status } }", secret);
        assertThat(errorType(denied)).endsWith("/permission-denied");
        assertThat(denied.path("errors").path(0).path("extensions").path("permission").asString()).isEqualTo("storage.write");

        JsonNode updated = graphql.post("mutation { updateAddonConfig(id: \"payment-gateway\", grant: [\"events.publish\", \"storage.write\"]) "
                + "{ revision grant } }", secret);
        assertThat(updated.path("data").path("updateAddonConfig").path("revision").asInt()).as(updated.toString()).isEqualTo(2);

        JsonNode executed = graphql.post("mutation { executeAddonFunction(addonId: \"payment-gateway\", function: \"refund\", "
                + "data: {transactionId: \"t1\"}) { status output } }", secret);
        assertThat(executed.path("data").path("executeAddonFunction").path("status").asInt()).as(executed.toString()).isEqualTo(200);
        assertThat(executed.path("data").path("executeAddonFunction").path("output").path("refunded").asBoolean()).isTrue();
        FakeRuntime.Call call = RUNTIME.calls().stream().filter(c -> c.function().equals("execute/refund")).reduce((a, b) -> b).orElseThrow();
        assertThat(call.site()).as("the container hears the key's site, as with REST").isEqualTo(site);

        JsonNode seen = graphql.post("{ site(id: \"" + site + "\") { installations { addon version grant revision } } }", secret);
        assertThat(seen.path("data").path("site").path("installations").path(0).path("grant").toString())
                .isEqualTo("[\"events.publish\",\"storage.write\"]");
        assertThat(rest.get("/api/sites/" + site + "/addons/payment-gateway", secret).json().path("revision").asInt()).isEqualTo(2);
    }

    @Test
    void theSeedsQueryFormOfExecuteRunsThePublicEndpointForAnyone() {
        JsonNode answer = graphql.post("{ executeAddonFunction(addonId: \"payment-gateway\", function: \"process-payment\", "
                + "data: {amount: 5, currency: \"EUR\", method: \"card\"}) { status output contentType } }", null);

        assertThat(answer.path("data").path("executeAddonFunction").path("output").path("status").asString()).as(answer.toString())
                .isEqualTo("approved");
    }

    @Test
    void noKeyIsRefusedTheAdminKeyMustNameTheSiteAndAnotherSitesKeyIsRefused() {
        JsonNode unnamed = graphql.post("mutation { installAddon(id: \"inventory\") { success } }", ApiClient.ADMIN_KEY);
        assertThat(errorType(unnamed)).endsWith("/invalid-request");
        assertThat(pointers(unnamed)).containsExactly("/site");

        sameError(graphql.post("mutation { installAddon(id: \"inventory\") { success } }", null),
                rest.post("/api/sites/" + site + "/addons", "{\"addon\":\"inventory\"}", null));

        JsonNode other = graphql.post("mutation { installAddon(id: \"inventory\", site: \"elsewhere\") { success } }", secret);
        sameError(other, rest.post("/api/sites/elsewhere/addons", "{\"addon\":\"inventory\"}", secret));

        JsonNode named = graphql.post("mutation { installAddon(id: \"inventory\", site: \"" + site + "\") { installation { site } } }",
                ApiClient.ADMIN_KEY);
        assertThat(named.path("data").path("installAddon").path("installation").path("site").asString()).as(named.toString()).isEqualTo(site);
    }

    @Test
    void theDefaultLimitsLetGraphiqlReadTheSchemaAndGraphiqlIsOffUnlessEnabled() {
        JsonNode schema = graphql.post(IntrospectionQuery.INTROSPECTION_QUERY, null);

        assertThat(schema.has("errors")).as(schema.toString()).isFalse();
        assertThat(schema.path("data").path("__schema").path("queryType").path("name").asString()).isEqualTo("Query");
        assertThat(rest.get("/graphiql").status()).isEqualTo(404);
    }

    private JsonNode execute(String function, String data, String key) {
        return graphql.post("mutation($data: JSON) { executeAddonFunction(addonId: \"payment-gateway\", function: \"" + function
                + "\", data: $data) { status } }", Map.of("data", com.themepress.model.schema.StrictJson.mapper().readTree(data)), key, null);
    }

    private JsonNode install(String config) {
        return graphql.post("mutation($config: JSON) { installAddon(id: \"payment-gateway\", grant: [\"events.publish\"], config: $config) "
                + "{ success installation { site version grant config revision } } }",
                Map.of("config", com.themepress.model.schema.StrictJson.mapper().readTree(config)), secret, null);
    }

    /** The GraphQL error carries the REST problem's type and exactly its pointers, in order. */
    private static void sameError(JsonNode graphql, ApiClient.Reply rest) {
        assertThat(rest.isProblem()).as(rest.toString()).isTrue();
        assertThat(graphql.path("errors").size()).as(graphql.toString()).isEqualTo(1);
        JsonNode extensions = graphql.path("errors").path(0).path("extensions");
        assertThat(extensions.path("type").asString()).as(graphql.toString()).isEqualTo(rest.json().path("type").asString());
        assertThat(extensions.path("status").asInt()).isEqualTo(rest.status());
        assertThat(pointers(graphql)).isEqualTo(rest.pointers());
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("name").asString()));
        return names;
    }
}
