package com.themepress.gateway.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.themepress.gateway.ServiceAddresses;

class WidgetEdgePropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({WidgetEdgeProperties.class, ServiceAddresses.class})
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsAreValidAndKeepIdleConnectionsFifteenSeconds() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(WidgetEdgeProperties.class).idleTimeout()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void idleTimeoutIsASetting() {
        context.withPropertyValues("themepress.widget-edge.idle-timeout=4s")
                .run(started -> assertThat(started.getBean(WidgetEdgeProperties.class).idleTimeout()).isEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void anInvalidValueFailsStartup() {
        context.withPropertyValues("themepress.widget-edge.max-in-flight=0", "themepress.widget-edge.idle-timeout=0s")
                .run(started -> assertThat(started).getFailure()
                        .rootCause().isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("maxInFlight").hasMessageContaining("idleTimeout"));
    }
}
