package com.themepress.runtimeclient.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;

import org.jspecify.annotations.Nullable;

import com.themepress.model.schema.StrictJson;
import com.themepress.testsupport.Gate;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

import tools.jackson.databind.JsonNode;

/**
 * Plays the addon-runtime's API on loopback, with the addons behind it answering as each test says.
 * <ul>
 *   <li>{@code PUT /runtime/deployments/{addon}/{version}} deploys (201, or {@link #deployAnswer});</li>
 *   <li>a call to a version not deployed gets the runtime's 404 without {@code X-Instance-Id};</li>
 *   <li>{@code POST .../{function}} ({@code execute/charge}, {@code events}, {@code render/card}) is
 *       recorded and answered by the handler set with {@link #on}, else 200 {@code {}}, from instance
 *       {@code i-1}; event deliveries are also recorded as {@link Delivery}s with their attempt number;</li>
 *   <li>{@link #down} makes the runtime answer an addon's calls with its own 502; {@link #holdCalls} holds
 *       every call's answer (the addon's own time) and {@link #holdDeploys} every deployment (a container
 *       start) until the test lets them go;</li>
 *   <li>{@link #requireServiceKey} makes it refuse, as the real runtime does, every request without that
 *       {@code X-Service-Key} (401, not recorded).</li>
 * </ul>
 */
public final class FakeRuntime implements AutoCloseable {

    public static final String INSTANCE = "i-1";

    /**
     * One request the fake received; {@code function} is empty for a PUT; {@code budget} is its {@code X-Call-Budget-Ms};
     * {@code site} and {@code settings} its {@code X-Themepress-Site} and {@code X-Themepress-Settings}.
     */
    public record Call(String method, String path, String addon, String version, String function, byte[] body,
            @Nullable String requestId, @Nullable String budget, @Nullable String site, @Nullable String settings) {

        /** {@code "METHOD /path"}. */
        public String line() {
            return method + " " + path;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return StrictJson.mapper().readTree(body);
        }
    }

    /** What the runtime answers; {@code fromInstance} adds {@code X-Instance-Id} (the addon answered). */
    public record Answer(int status, String contentType, String body, boolean fromInstance) {

        public static Answer json(String body) {
            return new Answer(200, "application/json", body, true);
        }

        /** A render answer: {@code {html, css, javascript}}. */
        public static Answer render(String html, String css, String javascript) {
            return json(StrictJson.mapper().createObjectNode().put("html", html).put("css", css).put("javascript", javascript)
                    .toString());
        }

        /** The runtime's own problem (no instance answered). */
        public static Answer problem(int status, String type, String detail) {
            return new Answer(status, "application/problem+json", StrictJson.mapper().createObjectNode()
                    .put("type", "https://themepress.dev/problems/" + type).put("status", status).put("detail", detail)
                    .toString(), false);
        }
    }

    /** How an addon answers a call: (the call, its number among calls to this addon version and function, from 1). */
    @FunctionalInterface
    public interface Handler {
        Answer answer(Call call, int count);
    }

    /** An event delivery the subscriber answered with {@code status}. */
    public record Delivery(String addon, String eventId, String type, JsonNode envelope, int status) {
    }

    private final HttpFake server = HttpFake.start();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> deployed = ConcurrentHashMap.newKeySet();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ToIntBiFunction<JsonNode, Integer>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile @Nullable String serviceKey;
    private volatile Answer deployAnswer = new Answer(201, "application/json", "{}", false);
    private final Gate callTime = Gate.opened();
    private final Gate deployTime = Gate.opened();

    public FakeRuntime() {
        server.route("/runtime/deployments/", this::handle);
        server.route("/runtime/deployments", request -> reply(Answer.json(listing())));
    }

    /** {@code GET /runtime/deployments}: each deployed version with one idle instance, as the runtime lists them. */
    private String listing() {
        StringBuilder json = new StringBuilder("{\"runtimeId\":\"fake\",\"deployments\":[");
        String separator = "";
        for (String deployment : new java.util.TreeSet<>(deployed)) {
            String[] parts = deployment.split("/", 2);
            json.append(separator).append("{\"name\":\"").append(parts[0]).append("\",\"version\":\"").append(parts[1])
                    .append("\",\"instances\":[{\"id\":\"").append(INSTANCE).append("\",\"state\":\"READY\",\"inFlight\":0}]}");
            separator = ",";
        }
        return json.append("]}").toString();
    }

    public String url() {
        return server.url();
    }

    /** How {@code addon} answers {@code function} (any version). */
    public FakeRuntime on(String addon, String function, Handler handler) {
        handlers.put(addon + "/" + function, handler);
        return this;
    }

    /** How {@code addon}'s {@code execute/{action}} answers: 200 with this JSON. */
    public FakeRuntime executeAnswer(String addon, String action, String json) {
        return on(addon, "execute/" + action, (call, count) -> Answer.json(json));
    }

    /** How {@code addon} answers an event: (envelope, attempt number for that event from 1) to HTTP status. */
    public FakeRuntime subscriber(String addon, ToIntBiFunction<JsonNode, Integer> answer) {
        subscribers.put(addon, answer);
        return this;
    }

    /** From now on only requests with this {@code X-Service-Key} get in; the others get the runtime's 401. */
    public FakeRuntime requireServiceKey(String key) {
        this.serviceKey = key;
        return this;
    }

    /** What every deployment PUT answers from now on. */
    public void deployAnswer(Answer answer) {
        this.deployAnswer = answer;
    }

    /** From now on every call to a deployed addon waits (counted by {@link #heldCalls()}) until {@link #releaseCalls()}. */
    public void holdCalls() {
        callTime.close();
    }

    public void releaseCalls() {
        callTime.open();
    }

    /** Calls the addon has started and not yet answered because they are held. */
    public int heldCalls() {
        return callTime.waiting();
    }

    /** From now on every deployment PUT waits until {@link #releaseDeploys()}: a container start that takes long. */
    public void holdDeploys() {
        deployTime.close();
    }

    public void releaseDeploys() {
        deployTime.open();
    }

    /** While down, the runtime answers the addon's calls with its own 502 (no healthy instance). */
    public void down(String addon, boolean isDown) {
        if (isDown) {
            down.add(addon);
        } else {
            down.remove(addon);
        }
    }

    /** Forgets every deployment, as a restarted runtime does. */
    public void forgetDeployments() {
        deployed.clear();
    }

    public boolean deployed(String addon, String version) {
        return deployed.contains(addon + "/" + version);
    }

    public List<Call> calls() {
        return calls;
    }

    /** Calls the addon answered (deployed version, runtime not down) for one version and function. */
    public int count(String addon, String version, String function) {
        AtomicInteger count = counts.get(addon + "/" + version + "/" + function);
        return count == null ? 0 : count.get();
    }

    /** Calls the addon answered, over every addon and version, to functions starting with {@code prefix}. */
    public int total(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().split("/", 3)[2].startsWith(prefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public List<Delivery> acknowledged(String addon) {
        return deliveries.stream().filter(d -> d.addon().equals(addon) && d.status() < 300).toList();
    }

    /** Deliveries of one event to one subscriber. */
    public int attempts(String addon, String eventId) {
        AtomicInteger count = attempts.get(addon + "/" + eventId);
        return count == null ? 0 : count.get();
    }

    private Reply handle(Request request) {
        String path = request.path();
        // /runtime/deployments/{addon}/{version}[/{function...}]
        String[] parts = path.split("/", 6);
        String key = serviceKey;
        if (key != null && !key.equals(request.header("X-Service-Key"))) {
            return reply(Answer.problem(401, "unauthenticated", "This is an internal service of the platform."));
        }
        if (parts.length < 5) {
            return reply(Answer.problem(404, "not-found", "no such path"));
        }
        Call call = new Call(request.method(), path, parts[3], parts[4], parts.length == 6 ? parts[5] : "", request.body(),
                request.header("X-Request-Id"), request.header("X-Call-Budget-Ms"), request.header("X-Themepress-Site"),
                request.header("X-Themepress-Settings"));
        calls.add(call);
        return reply(answer(call));
    }

    private Answer answer(Call call) {
        String deployment = call.addon() + "/" + call.version();
        if (call.method().equals("PUT")) {
            deployTime.pass();
            Answer answer = deployAnswer;
            if (answer.status() < 300) {
                deployed.add(deployment);
            }
            return answer;
        }
        if (!deployed.contains(deployment)) {
            return Answer.problem(404, "not-found", "Deployment " + call.addon() + "@" + call.version() + " is not on this runtime.");
        }
        if (down.contains(call.addon())) {
            return Answer.problem(502, "upstream-failed", "no healthy instance");
        }
        int count = counts.computeIfAbsent(deployment + "/" + call.function(), k -> new AtomicInteger()).incrementAndGet();
        callTime.pass();
        if (call.function().equals("events")) {
            return deliver(call);
        }
        Handler handler = handlers.get(call.addon() + "/" + call.function());
        return handler == null ? Answer.json("{}") : handler.answer(call, count);
    }

    private Answer deliver(Call call) {
        JsonNode envelope = call.json();
        String id = envelope.path("id").asString();
        int attempt = attempts.computeIfAbsent(call.addon() + "/" + id, k -> new AtomicInteger()).incrementAndGet();
        int status = subscribers.getOrDefault(call.addon(), (e, n) -> 200).applyAsInt(envelope, attempt);
        deliveries.add(new Delivery(call.addon(), id, envelope.path("type").asString(), envelope, status));
        return status < 300 ? new Answer(status, "application/json", "{\"handled\":1}", true)
                : new Answer(status, "application/problem+json", "{\"title\":\"subscriber failed\",\"status\":" + status + "}", true);
    }

    private static Reply reply(Answer answer) {
        Reply reply = Reply.body(answer.status(), answer.contentType(), answer.body());
        return answer.fromInstance() ? reply.with("X-Instance-Id", INSTANCE) : reply;
    }

    @Override
    public void close() {
        callTime.open();
        deployTime.open();
        server.close();
    }
}
