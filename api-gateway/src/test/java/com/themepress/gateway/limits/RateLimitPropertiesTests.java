package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RateLimitPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void everyRouteClassDefaultsToAHundredAMinuteWithABurstOfAHundredFailingOpen() {
        context.run(started -> {
            RateLimitProperties properties = started.getBean(RateLimitProperties.class);
            for (RouteClass route : RouteClass.values()) {
                assertThat(properties.limitFor(route)).isEqualTo(new RateLimitProperties.Limit(100, 100));
            }
            assertThat(properties.limitFor(RouteClass.OTHER).intervalMillis()).isEqualTo(600);
            assertThat(properties.failOpen()).isTrue();
            assertThat(properties.trustedProxies()).isEmpty();
        });
    }

    @Test
    void eachRouteClassHasItsOwnLimit() {
        context.withPropertyValues("themepress.rate-limit.widgets.per-minute=6000", "themepress.rate-limit.execute.burst=20")
                .run(started -> {
                    RateLimitProperties properties = started.getBean(RateLimitProperties.class);
                    assertThat(properties.widgets()).isEqualTo(new RateLimitProperties.Limit(6000, 100));
                    assertThat(properties.execute()).isEqualTo(new RateLimitProperties.Limit(100, 20));
                    assertThat(properties.events()).isEqualTo(new RateLimitProperties.Limit(100, 100));
                });
    }

    @Test
    void anInvalidLimitFailsStartup() {
        context.withPropertyValues("themepress.rate-limit.execute.per-minute=0", "themepress.rate-limit.redis-timeout=0s")
                .run(started -> assertThat(started).getFailure().rootCause().isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("execute.perMinute").hasMessageContaining("redisTimeout"));
    }

    @Test
    void aTrustedProxyThatIsNoAddressFailsStartupNamingIt() {
        context.withPropertyValues("themepress.rate-limit.trusted-proxies=10.0.0.0/8,proxy.example")
                .run(started -> assertThat(started).getFailure().hasStackTraceContaining("trusted-proxies: 'proxy.example'"));
    }
}
