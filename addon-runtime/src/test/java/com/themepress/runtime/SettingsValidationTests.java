package com.themepress.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.themepress.runtime.hostapi.HostApiProperties;
import com.themepress.runtime.invoke.ForwardProperties;
import com.themepress.runtime.kubernetes.KubernetesProperties;
import com.themepress.runtime.metrics.MetricsProperties;
import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.sandbox.SandboxProperties;
import com.themepress.runtime.wasm.WasmProperties;
import com.themepress.runtime.web.WebProperties;

/** Every settings record checks its values when it is bound, so a wrong setting stops startup instead of misbehaving later. */
class SettingsValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({PoolProperties.class, SandboxProperties.class, ForwardProperties.class,
            WebProperties.class, MetricsProperties.class, HostApiProperties.class, KubernetesProperties.class,
            RuntimeDriverProperties.class, WasmProperties.class})
    static class Settings {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SandboxProperties.class).dockerConnectTimeout()).hasSeconds(5);
            assertThat(context.getBean(RuntimeDriverProperties.class).driver()).isEqualTo(RuntimeDriverProperties.Driver.DOCKER);
            assertThat(context.getBean(KubernetesProperties.class).namespace()).isEqualTo("themepress-addons");
        });
    }

    @ParameterizedTest
    @CsvSource({
            "themepress.runtime.pool.unhealthy-threshold, 0, unhealthyThreshold",
            "themepress.runtime.pool.start-poll-interval, 0ms, startPollInterval",
            "themepress.runtime.pool.queue-timeout, -1s, queueTimeout",
            "themepress.runtime.sandbox.docker-connect-timeout, 0s, dockerConnectTimeout",
            "themepress.runtime.sandbox.runtime-id, 'no spaces', runtimeId",
            "themepress.runtime.sandbox.container-port, 70000, containerPort",
            "themepress.runtime.sandbox.startup-cpus, -1, startupCpus",
            "themepress.runtime.sandbox.startup-boost, 10m, startupBoost",
            "themepress.runtime.forward.connect-timeout, 0ms, connectTimeout",
            "themepress.runtime.forward.max-answer, 0B, maxAnswer",
            "themepress.runtime.pool.max-queue, -1, maxQueue",
            "themepress.runtime.pool.max-calls-per-deployment, 0, maxCallsPerDeployment",
            "themepress.runtime.metrics.max-function-names, -1, maxFunctionNames",
            "themepress.runtime.host-api.grace, 2m, grace",
            "themepress.runtime.host-api.threads, 0, threads",
            "themepress.runtime.host-api.max-body, 0B, maxBody",
            "themepress.runtime.host-api.addon-server, ftp://host/x, addonServer",
            "themepress.runtime.kubernetes.namespace, Addons_NS, namespace",
            "themepress.runtime.kubernetes.runtime-selector, app, runtimeSelector",
            "themepress.runtime.kubernetes.runtime-class-name, gVisor!, runtimeClassName",
            "themepress.runtime.kubernetes.image-pull-policy, Sometimes, imagePullPolicy",
            "themepress.runtime.kubernetes.host-api-address, runtime-0, hostApiAddress",
            "themepress.runtime.kubernetes.outbound-except, 10.0.0.0, outboundExcept",
            "themepress.runtime.kubernetes.adoption-grace, -1s, adoptionGrace",
            "themepress.runtime.wasm.stack-size, 1KB, stackSize",
            "themepress.runtime.wasm.module-source, ftp://host/x, moduleSource",
            "themepress.runtime.wasm.fetch-timeout, 0ms, fetchTimeout",
            "themepress.runtime.wasm.max-module-size, 1GB, maxModuleSize",
            "themepress.runtime.wasm.cached-modules, 0, cachedModules"})
    void invalidValueFailsStartupNamingTheSetting(String property, String value, String field) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(ConfigurationPropertiesBindException.class)
                    .rootCause().isInstanceOf(BindValidationException.class).hasMessageContaining(field);
        });
    }

    @Test
    void aDriverThatIsNeitherDockerNorKubernetesFailsStartup() {
        runner.withPropertyValues("themepress.runtime.driver=podman").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(ConfigurationPropertiesBindException.class)
                    .hasMessageContaining("themepress.runtime");
        });
    }
}
