package com.themepress.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.themepress.runtime.pool.DeploymentKey;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

class RuntimeMetricsTests {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final RuntimeMetrics metrics = new RuntimeMetrics(registry, new MetricsProperties(3));
    final DeploymentKey shop = new DeploymentKey("shop", "1.0.0");

    @Test
    void executionsAndResponseTimesHaveTheSpecifiedNamesLabelsAndBuckets() {
        metrics.record(shop, "pay", Outcome.SUCCESS, Duration.ofMillis(300).toNanos());
        metrics.record(shop, "pay", Outcome.TIMEOUT, Duration.ofSeconds(3).toNanos());
        metrics.record(shop, "pay", Outcome.REJECTED, -1);
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("addon_executions_total{addon_id=\"shop\",function_name=\"pay\",status=\"success\"} 1.0")
                .contains("addon_executions_total{addon_id=\"shop\",function_name=\"pay\",status=\"timeout\"} 1.0")
                .contains("addon_executions_total{addon_id=\"shop\",function_name=\"pay\",status=\"rejected\"} 1.0")
                .contains("addon_response_time_seconds_count{addon_id=\"shop\",function_name=\"pay\"} 2");
        for (String le : new String[] {"0.1", "0.5", "1.0", "2.0", "5.0", "10.0", "+Inf"}) {
            assertThat(scrape).contains("addon_response_time_seconds_bucket{addon_id=\"shop\",function_name=\"pay\",le=\"" + le + "\"}");
        }
        assertThat(scrape).contains("le=\"0.5\"} 1").contains("le=\"5.0\"} 2");
    }

    @Test
    void functionNamesPerAddonAreCappedSoLabelsStayBounded() {
        assertThat(metrics.functionLabel(shop, "a")).isEqualTo("a");
        assertThat(metrics.functionLabel(shop, "b")).isEqualTo("b");
        assertThat(metrics.functionLabel(shop, "c")).isEqualTo("c");
        assertThat(metrics.functionLabel(shop, "d")).isEqualTo(RuntimeMetrics.OTHER);
        assertThat(metrics.functionLabel(shop, "a")).isEqualTo("a");
        assertThat(metrics.functionLabel(new DeploymentKey("blog", "1.0.0"), "d")).isEqualTo("d");
    }

    @Test
    void poolEventsAreCounted() {
        metrics.coldStart(shop);
        metrics.replaced(shop, "oom_killed");
        metrics.reaped(shop);
        assertThat(registry.scrape())
                .contains("addon_cold_starts_total{addon_id=\"shop\"} 1.0")
                .contains("addon_instance_replacements_total{addon_id=\"shop\",reason=\"oom_killed\"} 1.0")
                .contains("addon_instance_reaps_total{addon_id=\"shop\"} 1.0");
    }
}
