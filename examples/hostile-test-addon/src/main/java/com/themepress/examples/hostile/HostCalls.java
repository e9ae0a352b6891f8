package com.themepress.examples.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.themepress.sdk.Call;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

/**
 * TEST FIXTURE: {@code host-call} sends one request to the host API ({@code THEMEPRESS_HOST_API}) as
 * addon code may, with this call's token, the previous host-call's token ({@code "token": "last"}:
 * a replay after its call ended) or any token it is given (another addon's), and reports what came back.
 */
final class HostCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> env;
    private final AtomicReference<String> last = new AtomicReference<>();

    HostCalls(Map<String, String> env) {
        this.env = env;
    }

    Result hostCall(Call call) throws Exception {
        String base = env.get("THEMEPRESS_HOST_API");
        if (base == null) {
            throw new ProblemException(409, "no THEMEPRESS_HOST_API in the environment");
        }
        String own = call.host().token().orElse("");
        String asked = call.text("token", "own");
        String token = switch (asked) {
            case "own" -> own;
            case "last" -> last.get() == null ? "" : last.get();
            default -> asked;
        };
        last.set(own);
        String body = call.field("body").isMissingNode() ? null : Json.write(call.field("body"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.text("path"))).timeout(Duration.ofSeconds(10))
                .method(call.text("method", "GET"), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Themepress-Token", token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return Result.ok(Json.object("status", answer.statusCode(), "body", answer.body(), "hostApi", base, "ownToken", own));
    }

    /**
     * {@code host-bench {n, size}}: {@code n} storage puts and {@code n} gets through the SDK, timed here,
     * inside the container; answers p50 and p99 of each in microseconds (bench/hostapi).
     */
    Result hostBench(Call call) {
        int n = (int) Math.min(20_000, Math.max(1, call.integer("n", 1000)));
        String text = "x".repeat((int) Math.min(10_000, Math.max(0, call.integer("size", 200))));
        long[] puts = new long[n];
        long[] gets = new long[n];
        for (int i = 0; i < n; i++) {
            String id = "k" + (i % 100);
            long start = System.nanoTime();
            call.storage().put("bench", id, Json.object("i", i, "text", text));
            long middle = System.nanoTime();
            call.storage().get("bench", id);
            gets[i] = System.nanoTime() - middle;
            puts[i] = middle - start;
        }
        return Result.ok(Json.object("n", n, "put", percentiles(puts), "get", percentiles(gets)));
    }

    private static Object percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return Json.object("p50Micros", sorted[sorted.length / 2] / 1000, "p99Micros", sorted[(int) (sorted.length * 0.99)] / 1000);
    }
}
