package com.themepress.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.themepress.server.events.EventProperties;
import com.themepress.server.graphql.GraphQlSettings;
import com.themepress.server.keys.KeyProperties;
import com.themepress.server.permissions.ImageProperties;
import com.themepress.server.registry.QuotaProperties;
import com.themepress.server.widgets.WidgetsProperties;

/** Every settings record validates its values: a wrong one stops the start with the property named. */
class SettingsValidationTests {

    /** The records the addon-server finds, found the way it finds them. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = AddonServerApplication.class)
    static class AllSettings {
    }

    final ApplicationContextRunner settings = new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreValid() {
        settings.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(EventProperties.class)).hasSize(1);
            assertThat(context.getBean(KeyProperties.class).verifiedCacheSize()).isEqualTo(10_000);
            assertThat(context.getBean(WidgetsProperties.class).registryChangesChannel()).isNotBlank();
            assertThat(context.getBean(ImageProperties.class).internal())
                    .containsExactly("themepress/jre-base", "themepress/addon-hostile-test-addon");
            assertThat(context.getBean(ImageProperties.class).namespaces()).containsOnlyKeys(ImageProperties.EXAMPLES_DEVELOPER);
            assertThat(context.getBean(QuotaProperties.class).developerMemoryMb()).isEqualTo(16_384);
            assertThat(context.getBean(GraphQlSettings.class).maxDepth()).isEqualTo(15);
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "themepress.events.max-attempts, 0",
            "themepress.events.backoff-jitter, 1.5",
            "themepress.events.retention.max-backlog, 5",
            "themepress.events.retention.interval, 0s",
            "themepress.events.retention.dead-letter-max-count, 0",
            "themepress.events.sweep-interval, 0s",
            "themepress.events.key-prefix, ' '",
            "themepress.keys.verified-cache-ttl, 0s",
            "themepress.keys.verified-cache-ttl, 6m", // a replica that missed a revocation would accept the key this long
            "themepress.keys.verified-cache-size, 0",
            "themepress.registry.catalogue-resync-interval, 0s",
            "themepress.registry.manifest-cache, 100KB",
            "themepress.registry.schemas.max-size, 100B",
            "themepress.registry.schemas.max-depth, 0",
            "themepress.registry.schemas.max-properties, 0",
            "themepress.events.max-batch, 0",
            "themepress.storage.database, ' '",
            "themepress.storage.compact-below, 100",
            "themepress.storage.compact-below, -1",
            "themepress.widgets.registry-changes-channel, ' '",
            "themepress.execute.input-schema-cache, 100B",
            "themepress.execute.max-input-errors, 0",
            "themepress.images.registry, https://registry.example.com",
            "themepress.images.internal, Not An Image",
            "themepress.images.namespaces.acme, UPPER/case",
            "themepress.quotas.addon-memory-mb, 0",
            "themepress.quotas.addon-cpus, 9",
            "themepress.quotas.addon-instances, 51",
            "themepress.quotas.developer-memory-mb, 0",
            "themepress.quotas.developer-cpus, 0",
            "themepress.quotas.developer-instances, -1",
            "themepress.graphql.max-depth, 1",
            "themepress.graphql.max-complexity, 5",
            "themepress.graphql.render-timeout, 0s",
            "themepress.addon-storage.max-document-size, 2MB",
            "themepress.addon-storage.max-documents, 0",
            "themepress.addon-storage.max-query-limit, 0",
            "themepress.addon-storage.sweep-interval, 0s",
            "themepress.modules.max-size, 16MB",
            "themepress.modules.max-size, 1B"})
    void anInvalidValueFailsTheStart(String property, String value) {
        settings.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining(field(property));
        });
    }

    /** The record component a property binds to: {@code max-attempts} is {@code maxAttempts}. */
    static String field(String property) {
        String[] words = property.substring(property.lastIndexOf('.') + 1).split("-");
        StringBuilder field = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return field.toString();
    }
}
