package com.themepress.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.Yaml;

import com.themepress.model.problem.ProblemType;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;

import tools.jackson.databind.JsonNode;

/**
 * Every route the gateway sends to the addon-server (read from the gateway's own application.yml) is
 * in the addon-server's OpenAPI 3.1 description: each controller method under those routes with its
 * HTTP method, and each route pattern at least once; every operation answers the Problem schema,
 * whose {@code type} lists every problem type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiCoverageTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final Path GATEWAY_ROUTES = Path.of("..", "api-gateway", "src", "main", "resources", "application.yml");
    /** The descriptions and Swagger UI themselves. */
    static final Set<String> DOCUMENTATION = Set.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/**",
            "/v3/api-docs/widget-renderer");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteTheGatewaySendsHereIsDescribedWithItsMethods() throws IOException {
        JsonNode doc = new ApiClient(port).get("/v3/api-docs").json();
        assertThat(doc.path("openapi").asString()).startsWith("3.1");
        List<PathPattern> routes = gatewayRoutes("addon-server");
        assertThat(routes).isNotEmpty();

        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (routes.stream().noneMatch(route -> route.matches(sample(pattern)))) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    checked++;
                    if (doc.path("paths").path(pattern).path(method.name().toLowerCase()).isMissingNode()) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }
        assertThat(missing).as("routes the gateway exposes but the description lacks").isEmpty();
        assertThat(checked).as("controller methods under the gateway's routes").isGreaterThan(20);

        List<String> undescribed = new ArrayList<>();
        for (PathPattern route : routes) {
            boolean described = false;
            for (String path : doc.path("paths").propertyNames()) {
                described |= route.matches(sample(path));
            }
            if (!described) {
                undescribed.add(route.getPatternString());
            }
        }
        assertThat(undescribed).as("gateway routes with no described path").isEmpty();
        assertThat(doc.path("paths").path("/graphql").has("post")).isTrue();
        assertThat(doc.path("paths").has("/internal/widgets/{addon}/{widget}")).as("not exposed, not described").isFalse();
    }

    @Test
    void everyOperationAnswersTheProblemSchemaListingEveryProblemType() {
        JsonNode doc = new ApiClient(port).get("/v3/api-docs").json();

        List<String> types = new ArrayList<>();
        doc.path("components").path("schemas").path("Problem").path("properties").path("type").path("enum").forEach(t -> types.add(t.asString()));
        assertThat(types).containsExactlyInAnyOrder(java.util.Arrays.stream(ProblemType.values()).map(t -> t.uri().toString()).toArray(String[]::new));
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> assertThat(operation.getValue()
                .path("responses").path("4XX").path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .as(operation.getKey() + " " + path.getKey()).isEqualTo("#/components/schemas/Problem")));
    }

    /** The gateway's Path patterns of the routes whose uri names {@code service}, documentation routes left out. */
    @SuppressWarnings("unchecked")
    static List<PathPattern> gatewayRoutes(String service) throws IOException {
        Map<String, Object> yaml;
        try (Reader reader = Files.newBufferedReader(GATEWAY_ROUTES)) {
            yaml = new Yaml().load(reader);
        }
        Object node = yaml;
        for (String key : List.of("spring", "cloud", "gateway", "server", "webflux", "routes")) {
            node = ((Map<String, Object>) node).get(key);
        }
        List<PathPattern> patterns = new ArrayList<>();
        for (Map<String, Object> route : (List<Map<String, Object>>) node) {
            if (!String.valueOf(route.get("uri")).contains("services." + service + ":")) {
                continue;
            }
            for (Object predicate : (List<Object>) route.get("predicates")) {
                String text = String.valueOf(predicate);
                if (text.startsWith("Path=")) {
                    for (String pattern : text.substring("Path=".length()).split(",")) {
                        if (!DOCUMENTATION.contains(pattern.strip())) {
                            patterns.add(PathPatternParser.defaultInstance.parse(pattern.strip()));
                        }
                    }
                }
            }
        }
        return patterns;
    }

    /** A concrete path for a pattern: each {@code {variable}} becomes {@code x}. */
    static PathContainer sample(String pattern) {
        return PathContainer.parsePath(pattern.replaceAll("\\{[^}]+}", "x"));
    }
}
