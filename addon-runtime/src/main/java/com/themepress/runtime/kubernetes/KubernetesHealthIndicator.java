package com.themepress.runtime.kubernetes;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import com.themepress.runtime.sandbox.SandboxProperties;

/** {@code /actuator/health} is DOWN while the API server does not list the addons namespace's pods: no instance can start. */
class KubernetesHealthIndicator implements HealthIndicator {

    private final KubernetesClient client;
    private final KubernetesProperties props;
    private final SandboxProperties sandbox;

    KubernetesHealthIndicator(KubernetesClient client, KubernetesProperties props, SandboxProperties sandbox) {
        this.client = client;
        this.props = props;
        this.sandbox = sandbox;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            client.pods().inNamespace(props.namespace()).list(new ListOptionsBuilder().withLimit(1L).build());
            health = Health.up();
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", e.getClass().getSimpleName());
        }
        return health.withDetail("runtimeId", sandbox.runtimeId()).withDetail("namespace", props.namespace()).build();
    }
}
