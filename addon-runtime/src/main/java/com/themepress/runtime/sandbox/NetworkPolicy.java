package com.themepress.runtime.sandbox;

import org.springframework.stereotype.Component;

import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;

/**
 * The one place that decides whether an instance may reach out of the sandbox. Today the
 * deployment's {@code networkOutbound} flag (the addon-server sets it from the installation's
 * {@code network.outbound} grant) decides; per-site grants would take this decision over here.
 */
@Component
public class NetworkPolicy {

    private final SandboxProperties props;

    public NetworkPolicy(SandboxProperties props) {
        this.props = props;
    }

    public boolean mayReachOut(DeploymentKey key, DeploymentSpec spec) {
        return spec.networkOutbound();
    }

    /** The network an instance joins: the internal one unless it may reach out. */
    String networkFor(DeploymentKey key, DeploymentSpec spec) {
        return mayReachOut(key, spec) ? props.outboundNetwork() : props.internalNetwork();
    }
}
