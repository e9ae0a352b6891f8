package com.themepress.runtime.sandbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} is DOWN while the Docker engine does not answer: no instance can start. */
@Component("docker")
@OnDockerDriver
class DockerHealthIndicator implements HealthIndicator {

    private final DockerSandbox sandbox;
    private final SandboxProperties props;

    DockerHealthIndicator(DockerSandbox sandbox, SandboxProperties props) {
        this.sandbox = sandbox;
        this.props = props;
    }

    @Override
    public Health health() {
        Health.Builder health = sandbox.engineAnswers() ? Health.up() : Health.down();
        return health.withDetail("runtimeId", props.runtimeId()).build();
    }
}
