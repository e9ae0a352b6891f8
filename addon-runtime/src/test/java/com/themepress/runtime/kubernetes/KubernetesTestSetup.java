package com.themepress.runtime.kubernetes;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.fabric8.kubernetes.client.KubernetesClient;

import com.themepress.model.manifest.Resources;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.sandbox.NetworkPolicy;
import com.themepress.runtime.sandbox.SandboxProperties;
import com.themepress.runtime.time.Ticker;

/** Drivers on the mock API server with the settings bound as Spring binds them (defaults from the records). */
final class KubernetesTestSetup {

    static final String NAMESPACE = "themepress-addons";
    static final DeploymentKey KEY = new DeploymentKey("shop", "1.0.0");
    static final int HOST_API_PORT = 7777;

    private KubernetesTestSetup() {
    }

    static DeploymentSpec spec(int minInstances, boolean outbound, String hash) {
        return new DeploymentSpec("themepress/addon-shop:1.0.0", new Resources(256, 0.5, 30_000, minInstances, 2, 4), outbound,
                "{\"greeting\":\"hi\"}", hash.repeat(64 / hash.length()));
    }

    static KubernetesDriver driver(KubernetesClient client, int containerPort, Map<String, String> kubernetes) {
        return driver(client, containerPort, kubernetes, "5s");
    }

    static KubernetesDriver driver(KubernetesClient client, int containerPort, Map<String, String> kubernetes, String startTimeout) {
        SandboxProperties sandbox = bind("themepress.runtime.sandbox", SandboxProperties.class,
                Map.of("runtime-id", "runtime-0", "container-port", Integer.toString(containerPort)));
        Map<String, String> settings = new HashMap<>(Map.of("host-api-address", "10.1.2.3", "runtime-class-name", "gvisor"));
        settings.putAll(kubernetes);
        KubernetesProperties props = bind("themepress.runtime.kubernetes", KubernetesProperties.class, settings);
        PoolProperties pool = PoolProperties.with(Map.of("start-timeout", startTimeout));
        return new KubernetesDriver(client, props, sandbox, pool, new NetworkPolicy(sandbox),
                address -> Optional.of("http://" + address + ":" + HOST_API_PORT), HttpClient.newHttpClient(), Ticker.system());
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        Map<String, String> prefixed = new HashMap<>();
        values.forEach((key, value) -> prefixed.put(prefix + "." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate(prefix, type);
    }
}
