package com.themepress.runtime.invoke;

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
 * @param connectTimeout longest wait for a TCP connection to an instance; a container that just
 *        died drops packets instead of refusing them, so this decides how soon a call moves on
 *        to another instance
 * @param maxAnswer the largest answer read from an instance; reading stops there, the connection is
 *        closed and the caller gets 502 naming the limit (an addon that streams without end cannot
 *        fill the runtime's heap)
 */
@ConfigurationProperties("themepress.runtime.forward")
@Validated
public record ForwardProperties(@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("2MB") @NotNull DataSize maxAnswer) {

    @AssertTrue(message = "max-answer must be 1 byte to 2 GB")
    boolean isMaxAnswerInRange() {
        return maxAnswer != null && maxAnswer.toBytes() >= 1 && maxAnswer.toBytes() <= BoundedBody.MAX_ARRAY;
    }
}
