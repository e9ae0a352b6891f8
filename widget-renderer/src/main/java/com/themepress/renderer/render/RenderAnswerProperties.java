package com.themepress.renderer.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * How much of an addon's render answer the renderer reads ({@code themepress.widgets.render.*}).
 *
 * @param maxAnswer the largest render answer read; reading stops there and the render fails with 502
 *        (the runtime's {@code forward.max-answer} and the client's {@code max-answer} apply too, the
 *        smallest wins)
 */
@Validated
@ConfigurationProperties("themepress.widgets.render")
public record RenderAnswerProperties(@NotNull @DefaultValue("2MB") DataSize maxAnswer) {

    @AssertTrue(message = "max-answer must be 1 byte to 2 GB")
    boolean isMaxAnswerInRange() {
        return maxAnswer != null && maxAnswer.toBytes() >= 1 && maxAnswer.toBytes() <= Integer.MAX_VALUE - 8;
    }
}
