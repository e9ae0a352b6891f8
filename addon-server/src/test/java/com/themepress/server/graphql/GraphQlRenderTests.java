package com.themepress.server.graphql;

import static com.themepress.server.graphql.GraphQlCalls.errorType;
import static com.themepress.server.graphql.GraphQlCalls.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

import tools.jackson.databind.JsonNode;

/**
 * {@code Widget.render} asks the widget-renderer what a page's {@code GET /api/widgets/{addon}/{widget}}
 * asks it (config and site as query, user and session as headers), answers its output with the
 * cache tier that served it, and passes its problems on with their type and pointers. The real
 * renderer behind the gateway is {@code integration-tests}' {@code GraphQlChainTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphQlRenderTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final List<Request> SEEN = new CopyOnWriteArrayList<>();
    static final HttpFake RENDERER = HttpFake.start().route("/api/widgets/", request -> {
        SEEN.add(request);
        if ("site=nowhere".equals(request.uri().getRawQuery())) {
            return Reply.problem(404, "{\"type\":\"https://themepress.dev/problems/not-found\",\"title\":\"Resource not found\","
                    + "\"status\":404,\"detail\":\"Addon 'payment-gateway' is not installed on site 'nowhere'.\","
                    + "\"errors\":[{\"pointer\":\"/addon\",\"message\":\"not installed on the site\"}]}");
        }
        return Reply.json(200, "{\"html\":\"<p>hi</p>\",\"css\":\"p{}\",\"javascript\":\"\"}")
                .with("X-Widget-Cache", "L2").with("X-Widget-Version", "1.0.0");
    });

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.graphql.renderer", RENDERER::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RENDERER.close();
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    static String secret;
    static String site;
    GraphQlCalls graphql;

    @BeforeEach
    void registerAndInstall() {
        graphql = new GraphQlCalls("http://127.0.0.1:" + port + "/graphql");
        SEEN.clear();
        if (secret != null) {
            return;
        }
        ApiClient rest = new ApiClient(port);
        assertThat(rest.post("/api/addons/register", Manifests.example("payment-gateway"), rest.developerKey("examples")).status()).isEqualTo(201);
        site = "render-shop";
        ApiClient.Reply created = rest.post("/api/sites", "{\"id\":\"" + site + "\",\"name\":\"Shop\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        secret = created.json().path("keys").path("secret").asString();
        assertThat(rest.post("/api/sites/" + site + "/addons", "{\"addon\":\"payment-gateway\",\"grant\":[]}", secret).status()).isEqualTo(201);
    }

    @Test
    void aRenderIsTheRenderersAnswerWithItsCacheTier() {
        JsonNode answer = graphql.post("""
                query($config: JSON, $context: JSON) { addon(id: "payment-gateway") { widgets { name
                  render(config: $config, context: $context) { html css javascript version cache stale } } } }""",
                Map.of("config", Map.of("currency", "GBP"), "context", Map.of("locale", "de", "user", "u-1")), null, null);

        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        JsonNode render = answer.path("data").path("addon").path("widgets").path(0).path("render");
        assertThat(render.path("html").asString()).isEqualTo("<p>hi</p>");
        assertThat(render.path("cache").asString()).isEqualTo("L2");
        assertThat(render.path("version").asString()).isEqualTo("1.0.0");
        assertThat(render.path("stale").asBoolean()).isFalse();
        Request first = SEEN.stream().filter(r -> r.path().endsWith("/checkout-form")).findFirst().orElseThrow();
        assertThat(first.path()).isEqualTo("/api/widgets/payment-gateway/checkout-form");
        String query = URLDecoder.decode(first.uri().getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).isEqualTo("config={\"currency\":\"GBP\"}&locale=de");
        assertThat(first.header("X-User-Id")).isEqualTo("u-1");
        assertThat(SEEN).hasSize(3);
    }

    @Test
    void aSiteKeyRendersForItsSite() {
        JsonNode answer = graphql.post("{ widgets(category: \"form\") { id render { html } } }", secret);

        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        assertThat(SEEN).isNotEmpty().allSatisfy(request -> assertThat(request.uri().getRawQuery()).isEqualTo("site=" + site));
    }

    @Test
    void theRenderersProblemKeepsItsTypeAndPointersAndABadContextNeverReachesIt() {
        JsonNode bad = graphql.post("{ addon(id: \"payment-gateway\") { widgets { render(context: {colour: \"red\"}) { html } } } }", null);
        assertThat(errorType(bad)).endsWith("/invalid-request");
        assertThat(pointers(bad)).containsExactly("/context/colour");
        assertThat(SEEN).isEmpty();

        JsonNode missing = graphql.post("{ widgets(category: \"form\") { render(context: {site: \"nowhere\"}) { html } } }", null);
        assertThat(errorType(missing)).as(missing.toString()).endsWith("/not-found");
        assertThat(pointers(missing)).containsExactly("/addon");
        assertThat(missing.path("errors").path(0).path("message").asString()).contains("not installed");
    }
}
