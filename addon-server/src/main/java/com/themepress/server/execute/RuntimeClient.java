package com.themepress.server.execute;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

/**
 * Talks to the addon-runtime. Deployments are pushed lazily: a call for an addon version the
 * runtime does not know (a new version, or a restarted runtime) gets 404, the spec is PUT, and the
 * call is sent once more.
 */
@Component
public class RuntimeClient {

    private final RuntimeProperties properties;
    private final HttpClient http;

    RuntimeClient(RuntimeProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    RuntimeAnswer execute(AddonManifest manifest, String action, byte[] data) {
        return postDeploying(manifest, deploymentPath(manifest) + "/execute/" + action, data);
    }

    /**
     * Delivers an event envelope to a subscriber's {@code POST /events} (spec section 6); 2xx
     * acknowledges it. Throws {@link PlatformException} when the runtime cannot be reached in time.
     */
    public RuntimeAnswer deliverEvent(AddonManifest subscriber, byte[] envelope) {
        return postDeploying(subscriber, deploymentPath(subscriber) + "/events", envelope);
    }

    private RuntimeAnswer postDeploying(AddonManifest manifest, String path, byte[] body) {
        Duration timeout = Duration.ofMillis(manifest.resources().timeoutMs()).plus(properties.timeoutMargin());
        RuntimeAnswer answer = post(path, body, timeout);
        if (answer.status() == 404 && answer.instanceId() == null) {
            deploy(manifest);
            answer = post(path, body, timeout);
        }
        return answer;
    }

    private void deploy(AddonManifest manifest) {
        byte[] spec = StrictJson.mapper().writeValueAsBytes(Deployment.of(manifest));
        HttpRequest request = HttpRequest.newBuilder(properties.url().resolve(deploymentPath(manifest)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(spec))
                .build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() >= 300) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The runtime refused to deploy "
                    + manifest.name() + "@" + manifest.version() + " (" + response.statusCode() + ").");
        }
    }

    private RuntimeAnswer post(String path, byte[] body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(properties.url().resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = send(request);
        return new RuntimeAnswer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body(),
                response.headers().firstValue("X-Instance-Id").orElse(null));
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PlatformException(ProblemType.UPSTREAM_TIMEOUT, "The addon runtime did not answer in time.");
        } catch (IOException e) {
            throw new PlatformException(ProblemType.UNAVAILABLE, "The addon runtime is not reachable; try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(ProblemType.UNAVAILABLE, "Interrupted while calling the addon runtime.");
        }
    }

    private static String deploymentPath(AddonManifest manifest) {
        return "/runtime/deployments/" + manifest.name() + "/" + manifest.version();
    }
}
