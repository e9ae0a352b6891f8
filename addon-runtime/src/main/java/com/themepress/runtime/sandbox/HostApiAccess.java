package com.themepress.runtime.sandbox;

import java.util.Optional;

/**
 * Where a container reaches the host API: the runtime listens on each sandbox network's gateway
 * address (the host's own address on that bridge). The listener lives in {@code hostapi}; the sandbox
 * only asks for the address to put in a new container's {@code THEMEPRESS_HOST_API}.
 */
public interface HostApiAccess {

    String ENV = "THEMEPRESS_HOST_API";

    /** The host API's base URL on the network whose gateway is {@code gatewayAddress}; empty when the host API is off. */
    Optional<String> urlFor(String gatewayAddress);
}
