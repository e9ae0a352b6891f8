package com.themepress.runtimeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.themepress.model.service.ServiceKeyProperties;
import org.springframework.util.unit.DataSize;

class RuntimeClientPropertiesTests {

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(RuntimeClientConfiguration.class);

    @Test
    void bindsOneDefaultEachUnderOnePrefix() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(RuntimeClient.class);
            RuntimeClientProperties properties = ctx.getBean(RuntimeClientProperties.class);
            assertThat(properties.url()).isEqualTo(URI.create("http://127.0.0.1:8082"));
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.callMargin()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.deployTimeout()).isEqualTo(Duration.ofSeconds(35));
            assertThat(properties.replyAllowance()).isEqualTo(Duration.ofMillis(250));
            assertThat(properties.maxAnswer()).isEqualTo(DataSize.ofMegabytes(2));
        });
    }

    @Test
    void takesItsSettingsFromThemepressRuntimeClient() {
        context.withPropertyValues("themepress.runtime-client.url=http://runtime:9000", "themepress.runtime-client.call-margin=1s",
                "themepress.runtime-client.deploy-timeout=90s").run(ctx -> {
                    RuntimeClientProperties properties = ctx.getBean(RuntimeClientProperties.class);
                    assertThat(properties.url()).isEqualTo(URI.create("http://runtime:9000"));
                    assertThat(properties.callMargin()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(properties.deployTimeout()).isEqualTo(Duration.ofSeconds(90));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"themepress.runtime-client.connect-timeout=0s", "themepress.runtime-client.deploy-timeout=-1s",
            "themepress.runtime-client.call-margin=-1ms", "themepress.runtime-client.url=runtime:8082",
            "themepress.runtime-client.url=ftp://runtime/", "themepress.service-key=only-15-chars-",
            "themepress.runtime-client.reply-allowance=-1ms", "themepress.runtime-client.max-answer=0B",
            "themepress.runtime-client.max-answer=3GB"})
    void refusesToStartWithAnInvalidSetting(String setting) {
        context.withPropertyValues(setting).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class);
        });
    }

    /** Spring ignores what nothing binds: an old name would silently mean the default runtime address. */
    @ParameterizedTest
    @ValueSource(strings = {"themepress.runtime.url=http://runtime:9000", "themepress.upstreams.runtime=http://runtime:9000",
            "themepress.upstreams.deploy-timeout=60s", "themepress.runtime.timeout-margin=5s"})
    void refusesToStartWithARetiredSettingAndNamesItsReplacement(String setting) {
        String old = setting.substring(0, setting.indexOf('='));
        context.withPropertyValues(setting).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(old + " is now " + RetiredSettings.REPLACED_BY.get(old));
        });
    }

    @Test
    void takesTheServiceKeyFromThemepressServiceKeyOrItsEnvironmentVariable() {
        context.run(ctx -> assertThat(ctx.getBean(ServiceKeyProperties.class).key()).isEmpty());
        context.withPropertyValues("themepress.service-key=sixteen-chars-ok").run(ctx ->
                assertThat(ctx.getBean(ServiceKeyProperties.class).key()).hasValue("sixteen-chars-ok"));
        // platform.sh passes it as THEMEPRESS_SERVICE_KEY: the environment as Spring Boot reads the process's
        context.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.<String, Object>of("THEMEPRESS_SERVICE_KEY", "from-the-environment"))))
                .run(ctx -> assertThat(ctx.getBean(ServiceKeyProperties.class).key()).hasValue("from-the-environment"));
    }
}
