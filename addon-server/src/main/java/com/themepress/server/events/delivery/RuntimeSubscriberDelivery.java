package com.themepress.server.events.delivery;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.http.SiteContext;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.schema.StrictJson;
import com.themepress.runtimeclient.RuntimeAnswer;
import com.themepress.runtimeclient.RuntimeClient;
import com.themepress.server.permissions.Deployments;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Delivers through the addon-runtime to the container's {@code POST /events} (spec section 6). 2xx
 * acknowledges. What is retried and what rejects the event for good is {@link RuntimeAnswer#retryable()}
 * (the addon's own 4xx other than 408, 425 and 429 is final); a call that got no answer is retried.
 */
@Component
class RuntimeSubscriberDelivery implements SubscriberDelivery {

    private static final int SNIPPET = 300;

    private final RuntimeClient runtime;
    private final Deployments deployments;

    RuntimeSubscriberDelivery(RuntimeClient runtime, Deployments deployments) {
        this.deployments = deployments;
        this.runtime = runtime;
    }

    @Override
    public Attempt deliver(AddonManifest subscriber, byte[] envelope) {
        RuntimeAnswer answer;
        try {
            answer = runtime.invoke(deployments.target(subscriber), "events", envelope, null, siteOf(envelope));
        } catch (PlatformException e) {
            return Attempt.failed(e.getBody().getDetail());
        }
        String detail = "HTTP " + answer.status() + snippet(answer.body());
        if (answer.isSuccess()) {
            return Attempt.acknowledged(detail);
        }
        return answer.retryable() ? Attempt.failed(detail) : Attempt.rejected(detail);
    }

    /**
     * The envelope's site, sent along as a header so that the container's invocation token is bound to it
     * (host API); an envelope without one, or unreadable, is a delivery of no site.
     */
    private static @Nullable SiteContext siteOf(byte[] envelope) {
        try {
            JsonNode site = StrictJson.mapper().readTree(envelope).path("site");
            return site.isString() ? SiteContext.fromHeaders(site.asString(), null) : null;
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8).strip();
        return ": " + text + (body.length > SNIPPET ? "…" : "");
    }
}
