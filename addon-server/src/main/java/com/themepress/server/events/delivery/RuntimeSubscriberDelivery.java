package com.themepress.server.events.delivery;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.PlatformException;
import com.themepress.server.execute.RuntimeAnswer;
import com.themepress.server.execute.RuntimeClient;

/**
 * Delivers through the addon-runtime to the container's {@code POST /events}. 2xx acknowledges. A 4xx
 * the addon itself answered (other than 408, 425 and 429) rejects the event for good: retrying the
 * same bytes cannot change the answer. Everything else (5xx, the runtime's own errors, timeouts) is retried.
 */
@Component
class RuntimeSubscriberDelivery implements SubscriberDelivery {

    private static final int SNIPPET = 300;

    private final RuntimeClient runtime;

    RuntimeSubscriberDelivery(RuntimeClient runtime) {
        this.runtime = runtime;
    }

    @Override
    public Attempt deliver(AddonManifest subscriber, byte[] envelope) {
        RuntimeAnswer answer;
        try {
            answer = runtime.deliverEvent(subscriber, envelope);
        } catch (PlatformException e) {
            return Attempt.failed(e.getBody().getDetail());
        }
        int status = answer.status();
        String detail = "HTTP " + status + snippet(answer.body());
        if (status >= 200 && status < 300) {
            return Attempt.acknowledged(detail);
        }
        boolean fromAddon = answer.instanceId() != null;
        boolean retryable = status >= 500 || status == 408 || status == 425 || status == 429;
        return fromAddon && !retryable && status >= 400 ? Attempt.rejected(detail) : Attempt.failed(detail);
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8).strip();
        return ": " + text + (body.length > SNIPPET ? "…" : "");
    }
}
