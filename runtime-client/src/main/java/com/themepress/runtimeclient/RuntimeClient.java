package com.themepress.runtimeclient;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.themepress.model.http.CallBudget;
import com.themepress.model.http.SiteContext;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;

/**
 * Calls an addon version's instances through the addon-runtime:
 * {@code POST /runtime/deployments/{addon}/{version}/{function}}. Deployments are pushed on demand: a
 * call the runtime answers 404 without {@code X-Instance-Id} (a new version, or a restarted runtime)
 * gets the deployment PUT and is sent once more. The answer is handed back whatever its status
 * ({@link RuntimeAnswer} says what it means); only a call that got no answer, or a refused
 * deployment, throws a {@link PlatformException}. Every request carries the service key, when one is
 * configured: the runtime refuses requests without it.
 */
public class RuntimeClient {

    static final String UPSTREAM = "addon runtime";

    private final RuntimeClientProperties properties;
    private final @Nullable String serviceKey;
    private final HttpClient http;

    /** A client that sends no service key: for a runtime that listens on loopback without one. */
    public RuntimeClient(RuntimeClientProperties properties) {
        this(properties, ServiceKeyProperties.NONE);
    }

    public RuntimeClient(RuntimeClientProperties properties, ServiceKeyProperties serviceKey) {
        this.properties = properties;
        this.serviceKey = serviceKey.key().orElse(null);
        this.http = UpstreamCalls.newClient(properties.connectTimeout());
    }

    /**
     * Posts {@code body} (JSON) to {@code function} of the target's instances, e.g. {@code execute/charge},
     * {@code events} or {@code render/card}, within the addon's timeout plus the call margin. The runtime
     * is told that budget ({@link CallBudget}), less the reply allowance, and stops waiting when it runs
     * out; an answer over {@code max-answer} is read no further and fails with 502.
     */
    public RuntimeAnswer invoke(RuntimeTarget target, String function, byte[] body, @Nullable String requestId) {
        return invoke(target, function, body, requestId, properties.maxAnswer().toBytes());
    }

    /** As {@link #invoke(RuntimeTarget, String, byte[], String)}, reading at most {@code maxAnswer} bytes (never more than {@code max-answer}). */
    public RuntimeAnswer invoke(RuntimeTarget target, String function, byte[] body, @Nullable String requestId, long maxAnswer) {
        return invoke(target, function, body, requestId, maxAnswer, null);
    }

    /** As {@link #invoke(RuntimeTarget, String, byte[], String)}, for a call made for a site: the container hears which, and its settings. */
    public RuntimeAnswer invoke(RuntimeTarget target, String function, byte[] body, @Nullable String requestId, @Nullable SiteContext site) {
        return invoke(target, function, body, requestId, properties.maxAnswer().toBytes(), site);
    }

    /** As {@link #invoke(RuntimeTarget, String, byte[], String, SiteContext)}, reading at most {@code maxAnswer} bytes. */
    public RuntimeAnswer invoke(RuntimeTarget target, String function, byte[] body, @Nullable String requestId, long maxAnswer,
            @Nullable SiteContext site) {
        Call call = new Call(target, function, body, requestId, Math.min(maxAnswer, properties.maxAnswer().toBytes()), site);
        RuntimeAnswer answer = post(call);
        if (answer.unknownDeployment()) {
            deploy(target);
            answer = post(call);
        }
        return answer;
    }

    /** Long enough for the runtime to list its pools from memory; a runtime that takes longer is not answering. */
    static final Duration LISTING_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The runtime's deployments with their instances ({@code GET /runtime/deployments}) as the runtime
     * wrote them: {@code {"runtimeId", "deployments": [{"name", "version", "instances": [...]}, ...]}}.
     * A runtime that does not answer is the usual 503/504 problem; any other status is 502.
     */
    public byte[] deployments() {
        HttpRequest request = withServiceKey(HttpRequest.newBuilder(properties.url().resolve("/runtime/deployments"))
                .timeout(LISTING_TIMEOUT).header("Accept", "application/json").GET()).build();
        HttpResponse<byte[]> response = UpstreamCalls.send(http, request, UPSTREAM);
        if (response.statusCode() != 200) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The runtime did not list its deployments ("
                    + response.statusCode() + ")" + RuntimeAnswer.detailOf(response.body()));
        }
        return response.body();
    }

    private void deploy(RuntimeTarget target) {
        HttpRequest request = withServiceKey(HttpRequest.newBuilder(properties.url().resolve(target.path()))
                .timeout(properties.deployTimeout())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(target.deployment().get())))
                .build();
        HttpResponse<byte[]> response = UpstreamCalls.send(http, request, UPSTREAM);
        if (response.statusCode() >= 300) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The runtime refused to deploy " + target.addon() + "@"
                    + target.version() + " (" + response.statusCode() + ")" + RuntimeAnswer.detailOf(response.body()));
        }
    }

    private RuntimeAnswer post(Call call) {
        Duration timeout = Duration.ofMillis(call.target().timeoutMs()).plus(properties.callMargin());
        long budget = Math.max(1, timeout.minus(properties.replyAllowance()).toMillis());
        HttpRequest.Builder request = withServiceKey(HttpRequest.newBuilder(properties.url().resolve(call.target().path() + "/" + call.function())))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(CallBudget.HEADER, Long.toString(budget))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.requestId() != null) {
            request.header("X-Request-Id", call.requestId());
        }
        if (call.site() != null) {
            request.header(SiteContext.SITE_HEADER, call.site().site());
            if (call.site().settings() != null) {
                request.header(SiteContext.SETTINGS_HEADER, call.site().settings());
            }
        }
        String what = call.target().addon() + "@" + call.target().version() + " " + call.function();
        return RuntimeAnswer.of(UpstreamCalls.send(http, request.build(), UPSTREAM, call.maxAnswer(), what));
    }

    private record Call(RuntimeTarget target, String function, byte[] body, @Nullable String requestId, long maxAnswer,
            @Nullable SiteContext site) {
    }

    private HttpRequest.Builder withServiceKey(HttpRequest.Builder request) {
        return serviceKey == null ? request : request.header(ServiceKeyProperties.HEADER, serviceKey);
    }
}
