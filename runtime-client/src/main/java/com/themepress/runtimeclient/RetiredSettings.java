package com.themepress.runtimeclient;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * The runtime settings each service had before they moved under {@code themepress.runtime-client}. Spring
 * ignores a property nothing binds, so an operator who still sets {@code themepress.runtime.url} would
 * silently call the default address; the start fails instead, naming the setting to use.
 */
final class RetiredSettings {

    static final Map<String, String> REPLACED_BY = Map.of(
            "themepress.runtime.url", "themepress.runtime-client.url",
            "themepress.runtime.connect-timeout", "themepress.runtime-client.connect-timeout",
            "themepress.runtime.timeout-margin", "themepress.runtime-client.call-margin",
            "themepress.upstreams.runtime", "themepress.runtime-client.url",
            "themepress.upstreams.render-margin", "themepress.runtime-client.call-margin",
            "themepress.upstreams.deploy-timeout", "themepress.runtime-client.deploy-timeout");

    private RetiredSettings() {
    }

    /** @throws IllegalStateException naming every retired setting that is set, and its replacement */
    static void refuse(Environment environment) {
        List<String> set = REPLACED_BY.keySet().stream().filter(environment::containsProperty).sorted()
                .map(old -> old + " is now " + REPLACED_BY.get(old)).toList();
        if (!set.isEmpty()) {
            throw new IllegalStateException("Retired runtime settings are set: " + String.join("; ", set) + ".");
        }
    }
}
