package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The container contract over real HTTP: one server on a random port, called with the JDK client. */
class AddonServerTests {

    static final List<Event> received = new CopyOnWriteArrayList<>();
    static final List<Event> fromGateway = new CopyOnWriteArrayList<>();
    static AddonServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = Addon.builder()
                .name("test-addon")
                .version("1.2.3")
                .port(0)
                .endpoint("echo", call -> Result.ok(Json.object("data", call.data(),
                        "greeting", call.addon().config().path("greeting").stringValue())))
                .endpoint("pay", call -> {
                    if (call.number("amount").signum() <= 0) {
                        return Result.badRequest("amount must be positive");
                    }
                    return Result.ok(Json.object("paid", call.number("amount")))
                            .emit("payment.completed", Json.object("amount", call.number("amount")))
                            .emit("audit.logged", null);
                })
                .endpoint("refuse", call -> {
                    throw new ProblemException(409, "already refunded");
                })
                .endpoint("boom", call -> {
                    throw new IllegalStateException("secret internals");
                })
                .endpoint("nothing", call -> Result.noContent())
                .endpoint("where", call -> Result.ok(Json.object("site", call.site().orElse("none"), "settings", call.settings())))
                .streamingEndpoint("export", (call, out) -> {
                    for (int i = 0; i < call.integer("rows", 0); i++) {
                        out.write(((i == 0 ? "[" : ",") + i).getBytes(StandardCharsets.UTF_8));
                    }
                    out.write(']');
                })
                .widget("hello", render -> Widget.of("<p>" + Html.escape(render.text("title", "Hello")) + " "
                        + Html.escape(render.context().path("user").asString("guest")) + "</p>", "p{color:red}", "1;"))
                .on("payment.*", received::add)
                .on("refund.*", List.of("payment-gateway"), fromGateway::add)
                .on("order.failing", event -> {
                    throw new IllegalStateException("downstream is down");
                })
                .build()
                .start(Map.of("INSTANCE_ID", "inst-7", "ADDON_CONFIG", "{\"greeting\":\"hi\"}"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAnswersUpWithTheInstance() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("status").stringValue()).isEqualTo("UP");
        assertThat(body.path("instance").stringValue()).isEqualTo("inst-7");
        assertThat(body.path("addon").stringValue()).isEqualTo("test-addon");
        assertThat(body.path("version").stringValue()).isEqualTo("1.2.3");
    }

    @Test
    void executePassesTheDataAndAnswersTheResult() throws Exception {
        HttpResponse<String> response = post("/execute/echo", "{\"x\":[1,2]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
        assertThat(Json.parse(response.body())).isEqualTo(Json.parse("{\"data\":{\"x\":[1,2]},\"greeting\":\"hi\"}"));
    }

    @Test
    void aStreamingEndpointWritesItsAnswerChunkedWithTheInstance() throws Exception {
        HttpResponse<String> response = post("/execute/export", "{\"rows\":3}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
        assertThat(response.body()).isEqualTo("[0,1,2]");
    }

    @Test
    void anEmptyBodyIsAnEmptyObject() throws Exception {
        HttpResponse<String> response = post("/execute/echo", "");

        assertThat(Json.parse(response.body()).path("data")).isEqualTo(Json.object());
    }

    @Test
    void emittedEventsRideInATopLevelArray() throws Exception {
        HttpResponse<String> response = post("/execute/pay", "{\"amount\":12.50}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body())).isEqualTo(Json.parse("""
                {"paid":12.50,"events":[
                  {"type":"payment.completed","data":{"amount":12.50}},
                  {"type":"audit.logged","data":null}]}"""));
    }

    @Test
    void aBadRequestResultIsA400Problem() throws Exception {
        HttpResponse<String> response = post("/execute/pay", "{\"amount\":-1}");

        assertProblem(response, 400, "https://themepress.dev/problems/invalid-request", "amount must be positive");
    }

    @Test
    void aTypedReadOfAMissingFieldNamesIt() throws Exception {
        HttpResponse<String> response = post("/execute/pay", "{\"amount\":\"ten\"}");

        assertProblem(response, 400, "https://themepress.dev/problems/invalid-request", "/amount is required and must be a number");
    }

    @Test
    void aThrownProblemExceptionAnswersItsStatus() throws Exception {
        assertProblem(post("/execute/refuse", "{}"), 409, "https://themepress.dev/problems/conflict", "already refunded");
    }

    @Test
    void anUncaughtExceptionIsA500ThatKeepsItsMessageInside() throws Exception {
        HttpResponse<String> response = post("/execute/boom", "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
        assertThat(response.body()).doesNotContain("secret internals");
        assertThat(Json.parse(response.body()).path("type").stringValue()).isEqualTo("https://themepress.dev/problems/internal");
    }

    @Test
    void aBodilessResultHasNoBody() throws Exception {
        HttpResponse<String> response = post("/execute/nothing", "{}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
    }

    @Test
    void anUnknownEndpointIs404() throws Exception {
        assertProblem(post("/execute/nope", "{}"), 404, "https://themepress.dev/problems/not-found",
                "endpoint 'nope' does not exist; this addon has [echo, pay, refuse, boom, nothing, where, export]");
    }

    @Test
    void anUnknownWidgetIs404() throws Exception {
        assertProblem(post("/widgets/nope/render", "{}"), 404, "https://themepress.dev/problems/not-found",
                "widget 'nope' does not exist; this addon has [hello]");
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        HttpResponse<String> response = get("/admin");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
    }

    @Test
    void aWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = get("/execute/echo");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> response = post("/execute/echo", "{\"x\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("type").stringValue()).isEqualTo("https://themepress.dev/problems/malformed-json");
        assertThat(problem.path("detail").stringValue()).contains("line 1");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreMalformed() throws Exception {
        assertThat(post("/execute/echo", "{\"a\":1,\"a\":2}").statusCode()).isEqualTo(400);
        assertThat(post("/execute/echo", "{} {}").statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsAccepted() throws Exception {
        String body = "{\"s\":\"" + "x".repeat(1024 * 1024 - 8) + "\"}";
        assertThat(body.length()).isEqualTo(1024 * 1024);

        assertThat(post("/execute/echo", body).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        String body = "{\"s\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertProblem(post("/execute/echo", body), 413, "https://themepress.dev/problems/payload-too-large",
                "the body is larger than the 1048576 bytes this addon accepts");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413() throws Exception {
        byte[] body = ("{\"s\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();
        // an input-stream publisher has no known length, so the client sends it chunked
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        HttpResponse<String> response = http.send(request("/execute/echo").POST(chunked).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aWidgetRendersFromConfigAndContext() throws Exception {
        HttpResponse<String> response = post("/widgets/hello/render",
                "{\"config\":{\"title\":\"<b>Hi</b>\"},\"context\":{\"user\":\"ann\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body())).isEqualTo(Json.object(
                "html", "<p>&lt;b&gt;Hi&lt;/b&gt; ann</p>", "css", "p{color:red}", "javascript", "1;"));
    }

    @Test
    void aWidgetWithoutConfigUsesItsDefaults() throws Exception {
        HttpResponse<String> response = post("/widgets/hello/render", "{}");

        assertThat(Json.parse(response.body()).path("html").stringValue()).isEqualTo("<p>Hello guest</p>");
    }

    @Test
    void aWidgetConfigThatIsNotAnObjectIs400() throws Exception {
        assertProblem(post("/widgets/hello/render", "{\"config\":[1]}"), 400,
                "https://themepress.dev/problems/invalid-request", "/config must be an object");
    }

    @Test
    void aMatchingEventReachesItsHandlerAndIsAcknowledged() throws Exception {
        HttpResponse<String> response = post("/events", """
                {"id":"e-1","type":"payment.completed","source":"payment-gateway","time":"2025-01-01T00:00:00Z",
                 "site":"site-9","data":{"amount":5}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).path("handled").intValue()).isEqualTo(1);
        assertThat(received).filteredOn(event -> event.id().equals("e-1")).singleElement().usingRecursiveComparison()
                .ignoringFields("host").isEqualTo(new Event("e-1", "payment.completed", "payment-gateway", "2025-01-01T00:00:00Z",
                        "site-9", Json.object("amount", 5)));
    }

    @Test
    void aHandlerThatNamesItsSourcesIgnoresOtherPublishersButTheEventIsStillAcknowledged() throws Exception {
        HttpResponse<String> forged = post("/events", "{\"id\":\"e-5\",\"type\":\"refund.issued\",\"source\":\"fake-gateway\"}");
        HttpResponse<String> anonymous = post("/events", "{\"id\":\"e-6\",\"type\":\"refund.issued\"}");
        HttpResponse<String> genuine = post("/events", "{\"id\":\"e-7\",\"type\":\"refund.issued\",\"source\":\"payment-gateway\"}");

        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(Json.parse(forged.body()).path("handled").intValue()).isZero();
        assertThat(Json.parse(anonymous.body()).path("handled").intValue()).isZero();
        assertThat(Json.parse(genuine.body()).path("handled").intValue()).isEqualTo(1);
        assertThat(fromGateway).extracting(Event::id).containsExactly("e-7");
    }

    @Test
    void anEventNobodyHandlesIsStillAcknowledged() throws Exception {
        HttpResponse<String> response = post("/events", "{\"id\":\"e-2\",\"type\":\"user.created\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).path("handled").intValue()).isZero();
    }

    @Test
    void aFailingEventHandlerAnswers500SoThePlatformRetries() throws Exception {
        assertThat(post("/events", "{\"id\":\"e-3\",\"type\":\"order.failing\"}").statusCode()).isEqualTo(500);
    }

    @Test
    void anEnvelopeWithoutATypeIs400() throws Exception {
        assertProblem(post("/events", "{\"id\":\"e-4\"}"), 400, "https://themepress.dev/problems/invalid-request",
                "/type is required and must be a string");
    }

    @Test
    void thePortComesFromPortWhenNotSetInCode() {
        try (AddonServer other = Addon.builder().build().start(Map.of("PORT", "0"))) {
            assertThat(other.port()).isPositive().isNotEqualTo(ServerSettings.DEFAULT_PORT);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("inst-7");
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("type").stringValue()).isEqualTo(type);
        assertThat(problem.path("title").stringValue()).isNotBlank();
        assertThat(problem.path("status").intValue()).isEqualTo(status);
        assertThat(problem.path("detail").stringValue()).isEqualTo(detail);
    }

    @Test
    void aCallKnowsItsSiteAndTheSitesSettingsFromThePlatformsHeaders() throws Exception {
        String settings = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"mode\":\"live\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> forSite = http.send(request("/execute/where").POST(BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("X-Themepress-Site", "demo")
                .header("X-Themepress-Settings", settings).build(), BodyHandlers.ofString());
        HttpResponse<String> noSite = post("/execute/where", "{}");

        assertThat(forSite.body()).isEqualTo("{\"site\":\"demo\",\"settings\":{\"mode\":\"live\"}}");
        assertThat(noSite.body()).isEqualTo("{\"site\":\"none\",\"settings\":{}}");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path).POST(BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.uri() + path));
    }
}
