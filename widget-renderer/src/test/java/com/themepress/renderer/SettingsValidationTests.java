package com.themepress.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.themepress.renderer.cache.CacheProperties;
import com.themepress.renderer.fragment.FragmentProperties;
import com.themepress.renderer.render.RenderAnswerProperties;
import com.themepress.renderer.render.UpstreamProperties;
import com.themepress.renderer.web.HttpConnectorProperties;

/** The renderer's settings are checked when it starts: a wrong value stops it instead of misbehaving later. */
class SettingsValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CacheProperties.class, UpstreamProperties.class, HttpConnectorProperties.class,
            FragmentProperties.class, RenderAnswerProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsAreValid() {
        context.run(started -> assertThat(started).hasNotFailed());
    }

    /** One wrong value at a time: which record binds first is Spring's business, not this test's. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"themepress.widgets.cache.lock-ttl, 0s, lockTtl", "themepress.widgets.cache.l1-ttl, 0s, l1Ttl",
            "themepress.upstreams.api-base, ' ', apiBase", "themepress.upstreams.resolve-timeout, 0s, resolveTimeout",
            "themepress.widgets.fragment.inline-script-addons, Not-An-Addon, inlineScriptAddons",
            "themepress.widgets.cache.max-variants, 0, maxVariants",
            "themepress.widgets.render.max-answer, 0B, maxAnswer"})
    void anInvalidValueFailsStartup(String property, String value, String field) {
        context.withPropertyValues(property + "=" + value)
                .run(started -> assertThat(started).getFailure()
                        .rootCause().isInstanceOf(BindValidationException.class).hasMessageContaining(field));
    }
}
