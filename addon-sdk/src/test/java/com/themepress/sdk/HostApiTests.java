package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;


/**
 * The SDK speaks to {@code THEMEPRESS_HOST_API} with the call's own token, and a host API refusal
 * becomes the call's problem answer; {@link InMemoryHostApi} keeps the same versions and queries.
 */
class HostApiTests {

    record Seen(String method, String path, String token, String ifMatch, String body) {
    }

    static final List<Seen> seen = new CopyOnWriteArrayList<>();
    static HttpServer hostApi;
    static AddonServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        hostApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        hostApi.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("X-Themepress-Token"), exchange.getRequestHeaders().getFirst("If-Match"), body));
            boolean denied = exchange.getRequestURI().getPath().contains("secret");
            byte[] answer = (denied ? "{\"type\":\"https://themepress.dev/problems/permission-denied\",\"title\":\"Permission not granted\","
                    + "\"status\":403,\"detail\":\"needs storage.read\"}"
                    : "{\"collection\":\"stock\",\"id\":\"mug\",\"version\":3,\"data\":{\"qty\":2}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", denied ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(denied ? 403 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        hostApi.start();
        server = Addon.builder().name("stocky").version("1.0.0").port(0)
                .endpoint("take", call -> {
                    StoredDocument mug = call.storage().get("stock", "mug").orElseThrow();
                    StoredDocument written = call.storage().put("stock", "mug", Json.object("qty", 1), mug.version());
                    return Result.ok(Json.object("version", written.version()));
                })
                .endpoint("peek", call -> Result.ok(call.storage().get("secret", "x").map(StoredDocument::data).orElse(Json.object())))
                .build()
                .start(Map.of("THEMEPRESS_HOST_API", "http://127.0.0.1:" + hostApi.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        server.close();
        hostApi.stop(0);
    }

    @Test
    void storageCallsCarryTheCallsOwnTokenAndTheVersionRead() throws Exception {
        HttpResponse<String> answer = call("take", "token-of-call-1");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(seen).filteredOn(s -> "token-of-call-1".equals(s.token())).extracting(Seen::method, Seen::path, Seen::ifMatch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/v1/storage/stock/mug", null),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/v1/storage/stock/mug", "\"3\""));
    }

    @Test
    void aRefusalOfTheHostApiBecomesTheCallsProblem() throws Exception {
        HttpResponse<String> answer = call("peek", "token-of-call-2");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(Json.parse(answer.body()).path("type").asString()).endsWith("/permission-denied");
    }

    @Test
    void aCallWithoutATokenCannotUseTheHostApi() throws Exception {
        assertThat(call("take", null).statusCode()).isEqualTo(503);
    }

    @Test
    void inMemoryStorageKeepsVersionsAndAnswersQueries() {
        InMemoryHostApi host = new InMemoryHostApi();
        host.storage().put("stock", "mug", Json.object("qty", 4));
        StoredDocument mug = host.storage().put("stock", "mug", Json.object("qty", 3));
        assertThat(mug.version()).isEqualTo(2);
        try {
            host.storage().put("stock", "mug", Json.object("qty", 9), 1);
            throw new AssertionError("a stale version must be refused");
        } catch (HostApiException conflict) {
            assertThat(conflict.conflict()).isTrue();
        }
        host.storage().put("stock", "cup", Json.object("qty", 10));
        host.storage().put("stock", "pen", Json.object("qty", 1));
        List<StoredDocument> found = host.storage().query("stock", StorageQuery.all().atLeast("qty", 2).sortByDescending("qty"));
        assertThat(found).extracting(StoredDocument::id).containsExactly("cup", "mug");
        host.events().publish("stock.low", Json.object("sku", "pen"));
        assertThat(host.published()).extracting(InMemoryHostApi.Published::type).containsExactly("stock.low");
    }

    private static HttpResponse<String> call(String endpoint, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + "/execute/" + endpoint))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        if (token != null) {
            request.header("X-Themepress-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
