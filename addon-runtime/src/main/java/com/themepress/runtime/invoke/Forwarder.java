package com.themepress.runtime.invoke;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.HashSet;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import com.themepress.model.http.BoundedBody;
import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.http.SiteContext;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.runtime.hostapi.CallTokens;
import com.themepress.runtime.metrics.Outcome;
import com.themepress.runtime.metrics.RuntimeMetrics;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.InstancePool;
import com.themepress.runtime.pool.Lease;
import com.themepress.runtime.pool.PoolRegistry;
import com.themepress.runtime.time.Ticker;
import com.themepress.runtime.wasm.WasmDeployments;
import com.themepress.runtime.wasm.WasmPool;

/**
 * Passes a call to one instance of its deployment and classifies what came back: 2xx and 4xx go
 * back as they are; 5xx becomes 502; no answer within the deployment's timeoutMs becomes 504 and
 * the stuck instance is replaced; an instance that could not be connected to (so never saw the
 * call) is checked and the call goes once more to another instance. An answer over
 * {@code forward.max-answer} is read no further (502). Waiting for a slot and for the instance
 * never outlasts the caller's deadline (504, and the instance stays). A deployment that runs a
 * WebAssembly module goes to {@link WasmForwarder} instead, with the same outcomes.
 */
@Component
class Forwarder {

    static final String INSTANCE_HEADER = "X-Instance-Id";
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final PoolRegistry pools;
    private final WasmDeployments modules;
    private final WasmForwarder wasm;
    private final HttpClient http;
    private final RuntimeMetrics metrics;
    private final CallTokens tokens;
    private final Ticker ticker;
    private final long maxAnswer;
    /** Ends answers whose body is not whole in time; one thread, each call's alarm removed when it answers. */
    private final ScheduledThreadPoolExecutor answerTimer;

    Forwarder(PoolRegistry pools, WasmDeployments modules, WasmForwarder wasm, HttpClient addonHttpClient, RuntimeMetrics metrics,
            CallTokens tokens, Ticker ticker, ForwardProperties props) {
        this.pools = pools;
        this.modules = modules;
        this.wasm = wasm;
        this.tokens = tokens;
        this.http = addonHttpClient;
        this.metrics = metrics;
        this.ticker = ticker;
        this.maxAnswer = props.maxAnswer().toBytes();
        this.answerTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "answer-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.answerTimer.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        answerTimer.shutdownNow();
    }

    Answer forward(DeploymentKey key, Call call) {
        WasmPool module = modules.find(key).orElse(null);
        if (module != null) {
            return wasm.forward(module, call);
        }
        InstancePool pool = pools.find(key).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND,
                "Deployment " + key + " is not on this runtime; PUT /runtime/deployments/" + key.name() + "/"
                        + key.version() + " with its image and resources, then retry."));
        String function = metrics.functionLabel(key, call.function());
        long started = ticker.nanoTime();
        Set<String> unreachable = new HashSet<>();
        while (true) {
            Lease lease = acquire(pool, unreachable, key, function, call.deadline());
            long addonTimeout = TimeUnit.MILLISECONDS.toNanos(lease.spec().resources().timeoutMs());
            long callerLeft = call.deadline() == Call.NO_DEADLINE ? Long.MAX_VALUE : call.deadline() - ticker.nanoTime();
            boolean callerBound = callerLeft < addonTimeout;
            // The token lives as long as this attempt: a retry on another instance gets its own.
            try (CallTokens.Issued token = tokens.issue(key.name(), key.version(), call.site() == null ? null : call.site().site(),
                    lease.instanceId(), lease.baseUri().getHost(), lease.spec().resources().timeoutMs())) {
                if (callerLeft <= 0) {
                    throw new HttpTimeoutException("the caller's deadline passed before the call was sent");
                }
                HttpResponse<byte[]> response = send(request(lease, call, token.header()), Math.min(addonTimeout, callerLeft));
                lease.release();
                return answer(key, function, started, lease.instanceId(), response);
            } catch (HttpConnectTimeoutException | ConnectException notSent) {
                lease.unreachable();
                unreachable.add(lease.instanceId());
                log.debug("Instance {} of {} unreachable: {}", lease.instanceId(), key, notSent.toString());
                if (unreachable.size() > 1) {
                    metrics.record(key, function, Outcome.ERROR, ticker.nanoTime() - started);
                    throw failed(ProblemType.UPSTREAM_FAILED, "No instance of " + key + " could be reached.", lease);
                }
            } catch (HttpTimeoutException timeout) {
                metrics.record(key, function, Outcome.TIMEOUT, ticker.nanoTime() - started);
                if (callerBound) {
                    // The instance is not known to be stuck, only slower than this caller may wait: it stays.
                    lease.release();
                    throw failed(ProblemType.UPSTREAM_TIMEOUT, "The caller's deadline passed before addon " + key
                            + " answered.", lease);
                }
                lease.recycle("timeout");
                throw failed(ProblemType.UPSTREAM_TIMEOUT, "Addon " + key + " did not answer within "
                        + lease.spec().resources().timeoutMs() + " ms; its instance is being replaced.", lease);
            } catch (IOException broken) {
                if (BoundedBody.tooLarge(broken).isPresent()) {
                    lease.release();
                    metrics.record(key, function, Outcome.ERROR, ticker.nanoTime() - started);
                    throw failed(ProblemType.UPSTREAM_FAILED, "Addon " + key + " answered more than the limit of " + maxAnswer
                            + " bytes (themepress.runtime.forward.max-answer); reading stopped there.", lease);
                }
                lease.unreachable();
                metrics.record(key, function, Outcome.ERROR, ticker.nanoTime() - started);
                throw failed(ProblemType.UPSTREAM_FAILED,
                        "The instance of " + key + " failed during the call (" + broken.getClass().getSimpleName() + ").",
                        lease);
            } catch (InterruptedException e) {
                lease.release();
                Thread.currentThread().interrupt();
                throw failed(ProblemType.UNAVAILABLE, "Interrupted while calling " + key + ".", lease);
            }
        }
    }

    private Lease acquire(InstancePool pool, Set<String> excluded, DeploymentKey key, String function, long deadline) {
        try {
            return pool.acquire(excluded, deadline);
        } catch (PlatformException e) {
            Outcome outcome = switch (e.problemType()) {
                case UNAVAILABLE -> Outcome.REJECTED;
                case UPSTREAM_TIMEOUT -> Outcome.TIMEOUT;
                default -> Outcome.ERROR;
            };
            metrics.record(key, function, outcome, -1);
            throw e;
        }
    }

    private Answer answer(DeploymentKey key, String function, long started, String instanceId,
            HttpResponse<byte[]> response) {
        int status = response.statusCode();
        long elapsed = ticker.nanoTime() - started;
        if (status >= 200 && status < 300 || status >= 400 && status < 500) {
            metrics.record(key, function, status < 300 ? Outcome.SUCCESS : Outcome.CLIENT_ERROR, elapsed);
            return new Answer(status, response.body(), response.headers().firstValue("Content-Type").orElse(null),
                    instanceId);
        }
        metrics.record(key, function, Outcome.ERROR, elapsed);
        PlatformException failed = new PlatformException(ProblemType.UPSTREAM_FAILED,
                "Addon " + key + " answered " + status + (status >= 500 ? " (server error)." : ", which the contract does not allow."));
        failed.getHeaders().set(INSTANCE_HEADER, instanceId);
        throw failed;
    }

    /**
     * The request's own timeout only covers the wait for the answer's headers: an addon that sends
     * them and then trickles its body would hold the call (and its servlet thread) for as long as it
     * likes. So the body must be whole by the same deadline ({@link BoundedBody}), or the exchange is
     * abandoned, which closes the connection. {@code send}, not {@code sendAsync}: the synchronous path
     * completes on the client's selector thread, without an executor hop per stage (measured: the
     * asynchronous one cost the runtime about half its calls/s on two cores).
     */
    private HttpResponse<byte[]> send(HttpRequest.Builder request, long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        return http.send(request.timeout(Duration.ofNanos(timeoutNanos)).build(), BoundedBody.upTo(maxAnswer, deadline, answerTimer));
    }

    private static HttpRequest.Builder request(Lease lease, Call call, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(lease.baseUri().resolve(call.path()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (token != null) {
            request.header(InvocationToken.HEADER, token);
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.requestId() != null) {
            request.header("X-Request-Id", call.requestId());
        }
        if (call.site() != null) {
            request.header(SiteContext.SITE_HEADER, call.site().site());
            if (call.site().settings() != null) {
                request.header(SiteContext.SETTINGS_HEADER, call.site().settings());
            }
        }
        return request;
    }

    private static PlatformException failed(ProblemType type, String detail, Lease lease) {
        PlatformException failed = new PlatformException(type, detail);
        failed.getHeaders().set(INSTANCE_HEADER, lease.instanceId());
        return failed;
    }
}
