package com.themepress.it.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.it.support.ServiceJar;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18 through the gateway: the addon-server, widget-renderer and api-gateway from their jars,
 * each with the service key, Redis, and a fake runtime for the addon's answers. The seed's queries
 * and mutations work at the gateway's {@code /graphql}, the same bad input gets the same error as
 * REST there, and {@code Widget.render} is the very render REST's widget GET got, from the same cache.
 */
@RequiresRedisServer
class GraphQlChainTests {

    static final String ADMIN_KEY = "graphql-admin-" + UUID.randomUUID();
    static final String SERVICE_KEY = "graphql-service-" + UUID.randomUUID();
    static final String IMAGE = "themepress/addon-payment-gateway:1.0.0";
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RedisServer redis;
    static FakeRuntime runtime;
    static ServiceJar addonServer;
    static ServiceJar renderer;
    static ServiceJar gateway;
    static Path data;
    static String site;
    static String secret;

    @BeforeAll
    static void startTheChain() throws Exception {
        redis = RedisServer.start();
        runtime = new FakeRuntime().requireServiceKey(SERVICE_KEY)
                .on("payment-gateway", "render/checkout-form", (call, count) -> FakeRuntime.Answer.render("<form>Pay</form>", "form{}", ""))
                .executeAnswer("payment-gateway", "process-payment", "{\"status\":\"approved\"}");
        data = Files.createTempDirectory("graphql-chain-");
        Map<String, String> shared = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.service-key", SERVICE_KEY);
        int addonServerPort = FreePorts.next();
        int rendererPort = FreePorts.next();
        String addonServerUrl = "http://127.0.0.1:" + addonServerPort;
        String rendererUrl = "http://127.0.0.1:" + rendererPort;
        addonServer = ServiceJar.launch("addon-server", addonServerPort, with(shared, "themepress.storage.data-dir", data.toString(),
                "themepress.keys.admin-key", ADMIN_KEY, "themepress.runtime-client.url", runtime.url(),
                "themepress.services.widget-renderer", rendererUrl, "spring.graphql.graphiql.enabled", "true",
                "themepress.images.namespaces.graphql-chain", "themepress/addon-payment-gateway"));
        renderer = ServiceJar.launch("widget-renderer", rendererPort, with(shared,
                "themepress.upstreams.addon-server", addonServerUrl, "themepress.runtime-client.url", runtime.url()));
        gateway = ServiceJar.launch("api-gateway", FreePorts.next(), with(shared,
                "themepress.services.addon-server", addonServerUrl, "themepress.services.widget-renderer", rendererUrl));
        for (ServiceJar service : List.of(addonServer, renderer, gateway)) {
            service.awaitHealthy();
        }
        String developerKey = rest("POST", "/api/keys", "{\"developer\":\"graphql-chain\"}", ADMIN_KEY).json().path("key").asString();
        Reply registered = rest("POST", "/api/addons/register",
                Files.readString(Path.of("..", "examples", "payment-gateway", "manifest.json")), developerKey);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        site = "gq-chain";
        Reply created = rest("POST", "/api/sites", "{\"id\":\"" + site + "\",\"name\":\"Shop\",\"origins\":[\"https://shop.example\"]}", ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        secret = created.json().path("keys").path("secret").asString();
    }

    @AfterAll
    static void stopTheChain() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {gateway, renderer, addonServer, runtime, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void theSeedsQueriesAndMutationsWorkThroughTheGateway() {
        JsonNode addon = graphql("{ addon(id: \"payment-gateway\") { id version widgets { name } apis { name public } } }", Map.of(), null);
        assertThat(addon.path("data").path("addon").path("version").asString()).as(addon.toString()).isEqualTo("1.0.0");
        JsonNode widgets = graphql("{ widgets(category: \"form\") { id } }", Map.of(), null);
        assertThat(widgets.path("data").path("widgets").toString()).contains("payment-gateway/checkout-form");

        JsonNode installed = graphql("mutation($config: JSON) { installAddon(id: \"payment-gateway\", config: $config, grant: [\"events.publish\"]) "
                + "{ success installation { site revision } } }", Map.of("config", Map.of("settings", Map.of("mode", "test"))), secret);
        assertThat(installed.path("data").path("installAddon").path("installation").path("site").asString()).as(installed.toString())
                .isEqualTo(site);
        JsonNode updated = graphql("mutation { updateAddonConfig(id: \"payment-gateway\", grant: [\"events.publish\", \"storage.write\"]) "
                + "{ revision grant } }", Map.of(), secret);
        assertThat(updated.path("data").path("updateAddonConfig").path("revision").asInt()).as(updated.toString()).isEqualTo(2);
        JsonNode executed = graphql("mutation { executeAddonFunction(addonId: \"payment-gateway\", function: \"process-payment\", "
                + "data: {amount: 5, currency: \"EUR\", method: \"card\"}) { status output } }", Map.of(), secret);
        assertThat(executed.path("data").path("executeAddonFunction").path("output").path("status").asString()).as(executed.toString())
                .isEqualTo("approved");
        assertThat(runtime.calls().stream().filter(c -> c.function().equals("execute/process-payment")).reduce((a, b) -> b).orElseThrow().site())
                .isEqualTo(site);
    }

    @Test
    void theSameBadInputGetsTheSameErrorAsRestAtTheGateway() {
        String bad = "{\"amount\":-1,\"currency\":\"EURO\",\"method\":\"cash\"}";
        Reply rested = rest("POST", "/api/addons/payment-gateway/execute", "{\"action\":\"process-payment\",\"data\":" + bad + "}", null);
        JsonNode answer = graphql("mutation($data: JSON) { executeAddonFunction(addonId: \"payment-gateway\", function: \"process-payment\", "
                + "data: $data) { status } }", Map.of("data", MAPPER.readTree(bad)), null);

        JsonNode extensions = answer.path("errors").path(0).path("extensions");
        assertThat(extensions.path("type").asString()).as(answer.toString()).isEqualTo(rested.json().path("type").asString());
        assertThat(extensions.path("errors").toString()).isEqualTo(rested.json().path("errors").toString());
    }

    @Test
    void aRenderIsTheOneRestServedFromTheSameCache() {
        int renders = runtime.total("render/checkout-form");
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/widgets/payment-gateway/checkout-form"))
                .header("Accept", "application/json").GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);

        JsonNode answer = graphql("{ addon(id: \"payment-gateway\") { widgets { name render { html css version cache } } } }", Map.of(), null);

        JsonNode render = answer.path("data").path("addon").path("widgets").path(0).path("render");
        assertThat(render.path("html").asString()).as(answer.toString()).isEqualTo(MAPPER.readTree(page.body()).path("html").asString());
        assertThat(render.path("css").asString()).isEqualTo(MAPPER.readTree(page.body()).path("css").asString());
        assertThat(render.path("version").asString()).isEqualTo(page.headers().firstValue("X-Widget-Version").orElseThrow());
        assertThat(render.path("cache").asString()).as("served from the renderer's cache").isIn("L1", "L2");
        assertThat(runtime.total("render/checkout-form")).as("the addon rendered it once, for both").isEqualTo(renders + 1);
    }

    @Test
    void graphiqlIsServedThroughTheGatewayWhenEnabled() {
        HttpResponse<String> graphiql = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/graphiql?path=/graphql")).GET());

        assertThat(graphiql.statusCode()).isEqualTo(200);
        assertThat(graphiql.body()).containsIgnoringCase("graphiql");
    }

    @Test
    void theGatewayServesEachServicesOpenApiAndSwaggerUiAndDescribesEveryRouteItExposes() throws IOException {
        JsonNode addonServerDoc = MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v3/api-docs")).GET()).body());
        JsonNode rendererDoc = MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v3/api-docs/widget-renderer")).GET()).body());
        assertThat(addonServerDoc.path("openapi").asString()).startsWith("3.1");
        assertThat(rendererDoc.path("openapi").asString()).startsWith("3.1");
        assertThat(rendererDoc.path("paths").path("/api/widgets/{addon}/{widget}").has("get")).as(rendererDoc.toString()).isTrue();
        assertThat(rendererDoc.path("components").path("schemas").path("Problem").path("properties").path("type").path("enum").toString())
                .contains("https://themepress.dev/problems/not-found");
        String config = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v3/api-docs/swagger-config")).GET()).body();
        assertThat(config).contains("/v3/api-docs/widget-renderer");
        assertThat(send(HttpRequest.newBuilder(URI.create(gateway.url() + "/swagger-ui/index.html")).GET()).statusCode()).isEqualTo(200);

        List<String> described = new ArrayList<>();
        for (JsonNode doc : List.of(addonServerDoc, rendererDoc)) {
            doc.path("paths").propertyNames().forEach(path -> described.add(path.replaceAll("\\{[^}]+}", "x")));
        }
        List<String> undescribed = new ArrayList<>();
        for (String route : gatewayRoutes()) {
            Pattern pattern = Pattern.compile(route.replace("/**", "(/.*)?").replaceAll("\\{[^}]+}", "[^/]+"));
            if (described.stream().noneMatch(path -> pattern.matcher(path).matches())) {
                undescribed.add(route);
            }
        }
        assertThat(undescribed).as("routes the gateway exposes that no description has").isEmpty();
    }

    /** Every Path pattern in the gateway's route table, the documentation's own routes left out. */
    static List<String> gatewayRoutes() throws IOException {
        List<String> routes = new ArrayList<>();
        Matcher paths = Pattern.compile("- Path=(\\S+)").matcher(Files.readString(Path.of("..", "api-gateway", "src", "main", "resources",
                "application.yml")));
        while (paths.find()) {
            for (String route : paths.group(1).split(",")) {
                if (!route.startsWith("/v3/") && !route.startsWith("/swagger-ui")) {
                    routes.add(route);
                }
            }
        }
        assertThat(routes).contains("/graphql", "/api/widgets/{addon}/{widget}");
        return routes;
    }

    static JsonNode graphql(String query, Map<String, Object> variables, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }
    }

    static Reply rest(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = send(request);
        return new Reply(response.statusCode(), response.body());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
