package com.themepress.runtimeclient;

import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

import tools.jackson.core.JacksonException;

/**
 * What the runtime answered to a call: the addon's own answer (it carries {@code X-Instance-Id}) or
 * the runtime's problem (a 404 for a version it does not know, 502/503/504 when the instance failed,
 * was busy or too slow). The rules on what each answer means live here, for every caller alike.
 */
public record RuntimeAnswer(int status, @Nullable String contentType, byte[] body, @Nullable String instanceId) {

    static final String INSTANCE_HEADER = "X-Instance-Id";
    private static final int MAX_DETAIL = 200;

    static RuntimeAnswer of(HttpResponse<byte[]> response) {
        return new RuntimeAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), response.headers().firstValue(INSTANCE_HEADER).orElse(null));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isJson() {
        return contentType != null && (contentType.startsWith("application/json") || contentType.contains("+json"));
    }

    /** An instance answered (its own answer, or the runtime's problem about that instance). */
    public boolean fromAddon() {
        return instanceId != null;
    }

    /** The runtime does not know the version (a new one, or a restarted runtime): deploy, then call again. */
    public boolean unknownDeployment() {
        return status == 404 && instanceId == null;
    }

    /** The addon itself answered 4xx: its own answer, which callers relay as it is. */
    public boolean refusedByAddon() {
        return fromAddon() && status >= 400 && status < 500;
    }

    /**
     * Whether sending the same bytes again later may succeed: every failure but the addon's own 4xx,
     * whose answer cannot change, except 408, 425 and 429, which ask to come back.
     */
    public boolean retryable() {
        return !isSuccess() && !(refusedByAddon() && status != 408 && status != 425 && status != 429);
    }

    /** The platform's problem type for a failed answer: a full runtime is 503, a slow addon 504, anything else 502. */
    public ProblemType problemType() {
        return switch (status) {
            case 503, 429 -> ProblemType.UNAVAILABLE;
            case 504 -> ProblemType.UPSTREAM_TIMEOUT;
            default -> ProblemType.UPSTREAM_FAILED;
        };
    }

    /**
     * This answer when it is a 2xx; otherwise throws: {@link AddonRejected} for the addon's own 4xx,
     * else a {@link PlatformException} of {@link #problemType()} saying {@code call} failed and why.
     */
    public RuntimeAnswer orThrow(String call) {
        if (isSuccess()) {
            return this;
        }
        if (refusedByAddon()) {
            throw new AddonRejected(this);
        }
        throw new PlatformException(problemType(), call + " failed: the runtime answered " + status + detailOf(body));
    }

    /** The {@code detail} of a problem body, as the end of a sentence: {@code " (detail)."}, or {@code "."}. */
    static String detailOf(byte[] body) {
        try {
            String detail = StrictJson.mapper().readTree(body).path("detail").asString("");
            return detail.isEmpty() ? "." : " (" + (detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail) + ").";
        } catch (JacksonException e) {
            return ".";
        }
    }
}
