package com.themepress.runtimeclient;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.themepress.model.http.BoundedBody;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * How the services reach the addon-runtime ({@code themepress.runtime-client.*}, the same in the
 * addon-server and the widget-renderer). Every default lives here.
 *
 * @param url            base URL of the addon-runtime
 * @param connectTimeout how long to wait for the runtime to accept a connection
 * @param callMargin     added to an addon's own {@code timeoutMs} for a call. The runtime may spend up to
 *                       its queue timeout (2 s) and two instance connect attempts (0.5 s each) beyond
 *                       {@code timeoutMs}; it is told the budget (this timeout less the reply allowance)
 *                       and never waits past it, so its own 503/504, which says what happened, arrives
 *                       before our own timeout even when a cold start would take longer
 * @param deployTimeout  how long a lazy {@code PUT} of a deployment may take. The runtime answers it once
 *                       {@code minInstances} are healthy or, failing that, after its start timeout (30 s)
 *                       plus queue timeout (2 s) with a problem saying why; 35 s lets that problem reach
 *                       the caller instead of a bare timeout, without holding a caller longer than needed
 * @param replyAllowance subtracted from a call's timeout for the budget sent with it
 *                       ({@code X-Call-Budget-Ms}): the runtime stops waiting for a slot or an instance
 *                       when the budget runs out and answers 504, and that answer needs a moment to
 *                       arrive before our own timeout fires
 * @param maxAnswer      the largest answer read from the runtime; reading stops there and the call
 *                       fails with 502 (the runtime's own {@code forward.max-answer} cuts an addon's
 *                       answer first, so this guards against a runtime that does not)
 */
@Validated
@ConfigurationProperties("themepress.runtime-client")
public record RuntimeClientProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI url,
        @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration callMargin,
        @NotNull @DurationMin(millis = 1) @DefaultValue("35s") Duration deployTimeout,
        @NotNull @DurationMin(millis = 0) @DefaultValue("250ms") Duration replyAllowance,
        @NotNull @DefaultValue("2MB") DataSize maxAnswer) {

    @AssertTrue(message = "max-answer must be 1 byte to 2 GB")
    boolean isMaxAnswerInRange() {
        return maxAnswer != null && maxAnswer.toBytes() >= 1 && maxAnswer.toBytes() <= BoundedBody.MAX_ARRAY;
    }

    @AssertTrue(message = "must be an absolute http or https URL")
    boolean isHttpUrl() {
        return url != null && url.isAbsolute() && url.getHost() != null
                && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }
}
