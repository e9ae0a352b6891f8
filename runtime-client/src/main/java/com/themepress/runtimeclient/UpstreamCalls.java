package com.themepress.runtimeclient;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.themepress.model.http.BoundedBody;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * The JDK HTTP client as the platform's services use it toward each other, and what a call that got
 * no answer becomes: no answer in time is 504, no connection 503.
 */
public final class UpstreamCalls {

    private UpstreamCalls() {
    }

    /**
     * HTTP/1.1 with keep-alive, no proxy, no redirects. Completion stages run on the client's
     * selector thread instead of hopping to a pool: each is short (a byte[] body handed to the
     * waiting caller), and on the renderer's miss path at 50 connections the hop cost one more
     * thread wake-up per call (the runtime's own client toward instances does the same).
     */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .executor(Runnable::run)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /**
     * Sends and reads the whole body; a call without an answer throws the platform's problem naming
     * {@code upstream} ("addon runtime", "addon-server"). A connect timeout counts as a timeout.
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String upstream) {
        return send(http, request, upstream, BoundedBody.MAX_ARRAY, upstream);
    }

    /**
     * As {@link #send(HttpClient, HttpRequest, String)}, reading at most {@code maxAnswer} bytes: a longer
     * answer is cut off there (the connection is closed) and fails with 502 naming the limit and
     * {@code what} was called.
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String upstream, long maxAnswer, String what) {
        try {
            return http.send(request, BoundedBody.upTo(maxAnswer));
        } catch (HttpTimeoutException e) {
            throw new PlatformException(ProblemType.UPSTREAM_TIMEOUT, "The " + upstream + " did not answer in time.");
        } catch (IOException e) {
            if (BoundedBody.tooLarge(e).isPresent()) {
                throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The answer of " + what + " is larger than the limit of "
                        + maxAnswer + " bytes; reading stopped there.");
            }
            throw new PlatformException(ProblemType.UNAVAILABLE, "The " + upstream + " is not reachable; try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(ProblemType.UNAVAILABLE, "Interrupted while calling the " + upstream + ".");
        }
    }
}
