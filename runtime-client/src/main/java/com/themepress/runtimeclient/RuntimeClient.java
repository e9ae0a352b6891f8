package com.themepress.runtimeclient;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

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
     * {@code events} or {@code render/card}, within the addon's timeout plus the call margin.
     */
    public RuntimeAnswer invoke(RuntimeTarget target, String function, byte[] body, @Nullable String requestId) {
        String path = target.path() + "/" + function;
        Duration timeout = Duration.ofMillis(target.timeoutMs()).plus(properties.callMargin());
        RuntimeAnswer answer = post(path, body, timeout, requestId);
        if (answer.unknownDeployment()) {
            deploy(target);
            answer = post(path, body, timeout, requestId);
        }
        return answer;
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

    private RuntimeAnswer post(String path, byte[] body, Duration timeout, @Nullable String requestId) {
        HttpRequest.Builder request = withServiceKey(HttpRequest.newBuilder(properties.url().resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return RuntimeAnswer.of(UpstreamCalls.send(http, request.build(), UPSTREAM));
    }

    private HttpRequest.Builder withServiceKey(HttpRequest.Builder request) {
        return serviceKey == null ? request : request.header(ServiceKeyProperties.HEADER, serviceKey);
    }
}
