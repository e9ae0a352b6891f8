package com.themepress.runtime.sandbox;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Network;

/**
 * Creates the two networks instances join, or checks existing ones: the sandbox network must be
 * {@code internal} (no route off the machine) and the outbound one must not be. Both disable
 * inter-container traffic, so addons cannot call each other's instances.
 */
@Component
@OnDockerDriver
class SandboxNetworks {

    private static final Logger log = LoggerFactory.getLogger(SandboxNetworks.class);
    static final String ICC = "com.docker.network.bridge.enable_icc";

    private final DockerClient docker;
    private final SandboxProperties props;
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> gateways = new HashMap<>();

    private final SandboxSubnets subnets;

    SandboxNetworks(DockerClients clients, SandboxProperties props, SandboxSubnets subnets) {
        this.docker = clients.commands();
        this.props = props;
        this.subnets = subnets;
    }

    /**
     * Makes sure the network exists with the right isolation and answers its id; cheap after the
     * first time. Serialised, because the engine's duplicate check is not atomic: two creates at
     * once make two networks of one name, after which the name is ambiguous.
     */
    synchronized String ensure(String name) {
        String known = ids.get(name);
        if (known != null) {
            return known;
        }
        boolean internal = name.equals(props.internalNetwork());
        Network existing = find(name);
        if (existing == null) {
            try {
                docker.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withInternal(internal)
                        .withCheckDuplicate(true)
                        .withOptions(Map.of(ICC, "false"))
                        .withLabels(Map.of(Labels.NETWORK, internal ? "sandbox" : "outbound"))
                        .exec();
                log.info("Created {} network {}", internal ? "internal" : "outbound", name);
            } catch (ConflictException createdConcurrently) {
                log.debug("Network {} was created concurrently", name);
            }
            existing = find(name);
        }
        if (existing == null) {
            throw new IllegalStateException("Network " + name + " could not be created");
        }
        if (Boolean.TRUE.equals(existing.getInternal()) != internal) {
            throw new IllegalStateException("Network " + name + " exists with internal=" + existing.getInternal()
                    + " but must have internal=" + internal + "; remove it or configure another name");
        }
        if (!"false".equals(existing.getOptions() == null ? null : existing.getOptions().get(ICC))) {
            log.warn("Network {} lets containers reach each other ({} is not false); recreate it to isolate addons",
                    name, ICC);
        }
        if (existing.getIpam() != null && existing.getIpam().getConfig() != null) {
            existing.getIpam().getConfig().forEach(config -> {
                if (config.getSubnet() != null) {
                    subnets.add(config.getSubnet(), config.getGateway());
                }
                if (config.getGateway() != null && config.getGateway().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    gateways.putIfAbsent(name, config.getGateway());
                }
            });
        }
        ids.put(name, existing.getId());
        return existing.getId();
    }

    /** The network was removed from under the runtime: look it up (or make it) again next time. */
    synchronized void forget(String name) {
        ids.remove(name);
        gateways.remove(name);
    }

    /** The host's IPv4 address on a network {@link #ensure}d before, if the engine named one. */
    synchronized Optional<String> gateway(String name) {
        return Optional.ofNullable(gateways.get(name));
    }

    /** The oldest network of that exact name (another process may have raced us to a duplicate). */
    private Network find(String name) {
        List<Network> matches = docker.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName()))
                .sorted(Comparator.comparing(Network::getCreated, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        if (matches.size() > 1) {
            log.warn("{} networks are named {}; using the oldest, {}", matches.size(), name, matches.get(0).getId());
        }
        return matches.isEmpty() ? null : matches.get(0);
    }
}
