package com.themepress.runtime.invoke;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.wasm.WasmContract;
import com.themepress.runtime.hostapi.CallTokens;
import com.themepress.runtime.hostapi.HostApiCalls;
import com.themepress.runtime.metrics.Outcome;
import com.themepress.runtime.metrics.RuntimeMetrics;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.time.Ticker;
import com.themepress.runtime.wasm.WasmAddonRunner;
import com.themepress.runtime.wasm.WasmFailure;
import com.themepress.runtime.wasm.WasmPool;

import tools.jackson.databind.JsonNode;

/**
 * A call to a module deployment, made to look like a container's to every caller: the same answers
 * (the module's 2xx or 4xx as it gave it, with an {@code X-Instance-Id}), the same problems for the
 * same faults (a time limit 504, a crash or an answer over {@code forward.max-answer} 502, a full
 * bulkhead 503), the same metrics. The module gets the call as one JSON envelope (docs/wasm.md).
 */
@Component
class WasmForwarder {

    private final WasmAddonRunner runner;
    private final RuntimeMetrics metrics;
    private final CallTokens tokens;
    private final HostApiCalls host;
    private final Ticker ticker;
    private final long maxAnswer;
    private final long queueNanos;
    private final String retryAfter;

    WasmForwarder(WasmAddonRunner runner, RuntimeMetrics metrics, CallTokens tokens, HostApiCalls host, Ticker ticker,
            ForwardProperties forward, PoolProperties pool) {
        this.runner = runner;
        this.metrics = metrics;
        this.tokens = tokens;
        this.host = host;
        this.ticker = ticker;
        this.maxAnswer = forward.maxAnswer().toBytes();
        this.queueNanos = pool.queueTimeout().toNanos();
        this.retryAfter = Long.toString(Math.max(1, pool.retryAfter().toSeconds()));
    }

    Answer forward(WasmPool pool, Call call) {
        DeploymentKey key = pool.key();
        String function = metrics.functionLabel(key, call.function());
        long started = ticker.nanoTime();
        long timeoutMs = pool.spec().resources().timeoutMs();
        long addonTimeout = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long callerLeft = call.deadline() == Call.NO_DEADLINE ? Long.MAX_VALUE : call.deadline() - started;
        boolean callerBound = callerLeft < addonTimeout;
        String instance = "wasm:" + key.name() + ":" + key.version(); // the pool, not one instance: the token is made before one is taken
        try (CallTokens.Issued token = tokens.issue(key.name(), key.version(), call.site() == null ? null : call.site().site(),
                instance, "wasm", timeoutMs)) {
            byte[] answer = runner.call(pool, new WasmAddonRunner.Request(operation(call), envelope(call, pool),
                    Math.min(queueNanos, callerLeft), Math.min(addonTimeout, callerLeft), maxAnswer,
                    host.bridge(key.name(), token.header())));
            return answer(key, function, started, answer, instance);
        } catch (WasmFailure failure) {
            throw failed(key, function, started, failure, callerBound, timeoutMs, instance);
        }
    }

    private PlatformException failed(DeploymentKey key, String function, long started, WasmFailure failure, boolean callerBound,
            long timeoutMs, String instance) {
        long elapsed = ticker.nanoTime() - started;
        PlatformException problem = switch (failure.kind()) {
            case TIMEOUT -> {
                metrics.record(key, function, Outcome.TIMEOUT, elapsed);
                yield new PlatformException(ProblemType.UPSTREAM_TIMEOUT, callerBound
                        ? "The caller's deadline passed before addon " + key + " answered."
                        : "Addon " + key + " did not answer within " + timeoutMs + " ms; its instance is being replaced.");
            }
            case TOO_LARGE -> {
                metrics.record(key, function, Outcome.ERROR, elapsed);
                yield new PlatformException(ProblemType.UPSTREAM_FAILED, "Addon " + key + " answered more than the limit of "
                        + maxAnswer + " bytes (themepress.runtime.forward.max-answer); reading stopped there.");
            }
            case BUSY -> {
                metrics.rejected(key, "queue_timeout");
                metrics.record(key, function, Outcome.REJECTED, -1);
                yield new PlatformException(ProblemType.UNAVAILABLE, "All instances of " + key + " are busy ("
                        + failure.getMessage() + ") and the wait ran out; retry later.");
            }
            case FAILED -> {
                metrics.record(key, function, Outcome.ERROR, elapsed);
                yield new PlatformException(ProblemType.UPSTREAM_FAILED, "The instance of " + key + " failed during the call ("
                        + failure.getMessage() + ").");
            }
        };
        problem.getHeaders().set(Forwarder.INSTANCE_HEADER, instance);
        if (failure.kind() == WasmFailure.Kind.BUSY) {
            problem.getHeaders().set("Retry-After", retryAfter);
        }
        return problem;
    }

    /** The module's {@code {status, body}}: 2xx and 4xx pass as they are, anything else is the addon's fault (502). */
    private Answer answer(DeploymentKey key, String function, long started, byte[] answer, String instance) {
        long elapsed = ticker.nanoTime() - started;
        JsonNode parsed;
        try {
            parsed = StrictJson.parse(answer);
        } catch (RuntimeException notJson) {
            parsed = null;
        }
        int status = parsed != null && parsed.isObject() ? parsed.path("status").asInt(200) : -1;
        if (status >= 200 && status < 300 || status >= 400 && status < 500) {
            metrics.record(key, function, status < 300 ? Outcome.SUCCESS : Outcome.CLIENT_ERROR, elapsed);
            JsonNode body = parsed.get("body");
            if (body == null || body.isNull()) {
                return new Answer(status, new byte[0], null, instance);
            }
            String type = status < 300 ? "application/json" : "application/problem+json";
            return new Answer(status, StrictJson.mapper().writeValueAsBytes(body), parsed.path("contentType").asString(type), instance);
        }
        metrics.record(key, function, Outcome.ERROR, elapsed);
        PlatformException failed = new PlatformException(ProblemType.UPSTREAM_FAILED, status < 0
                ? "Addon " + key + " answered something other than a JSON object, which the contract does not allow."
                : "Addon " + key + " answered " + status + (status >= 500 ? " (server error)." : ", which the contract does not allow."));
        failed.getHeaders().set(Forwarder.INSTANCE_HEADER, instance);
        throw failed;
    }

    private static String operation(Call call) {
        if (call.function().startsWith("widget:")) {
            return WasmContract.RENDER;
        }
        return call.path().equals("/events") ? WasmContract.HANDLE_EVENT : WasmContract.EXECUTE;
    }

    /** What the module reads: the call as JSON, its body parsed when it is JSON, else as text. */
    private static byte[] envelope(Call call, WasmPool pool) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        if (call.function().startsWith("widget:")) {
            envelope.put("widget", call.function().substring("widget:".length()));
        } else if (!call.path().equals("/events")) {
            envelope.put("action", call.function());
        }
        envelope.put("body", body(call.body()));
        envelope.put("site", call.site() == null ? null : call.site().site());
        envelope.put("settings", call.site() == null ? null : settings(call.site().settings()));
        envelope.put("config", StrictJson.parse(pool.spec().configJson().getBytes(StandardCharsets.UTF_8)));
        envelope.put("requestId", call.requestId());
        return StrictJson.mapper().writeValueAsBytes(envelope);
    }

    private static @Nullable Object body(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return StrictJson.parse(body);
        } catch (RuntimeException notJson) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static @Nullable Object settings(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            return StrictJson.parse(Base64.getUrlDecoder().decode(header));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
