package com.themepress.runtime.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.themepress.runtime.sandbox.Labels;

/** The tests' own view of the engine: to inspect what the runtime made, and to clean up after it. */
public final class TestDocker {

    private static volatile DockerClient client;

    private TestDocker() {
    }

    public static DockerClient client() {
        if (client == null) {
            synchronized (TestDocker.class) {
                if (client == null) {
                    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
                    client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                            .dockerHost(config.getDockerHost())
                            .connectionTimeout(Duration.ofSeconds(5))
                            .responseTimeout(Duration.ofSeconds(60))
                            .build());
                }
            }
        }
        return client;
    }

    public static boolean imagePresent(String image) {
        try {
            client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    public static InspectContainerResponse inspect(String containerId) {
        return client().inspectContainerCmd(containerId).exec();
    }

    /** Every container, running or not, that carries the runtime's label. */
    public static List<Container> containersOf(String runtimeId) {
        return client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.RUNTIME, runtimeId)).exec();
    }

    public static void removeContainer(String id) {
        try {
            client().removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            // fine
        }
    }

    public static void removeNetwork(String name) {
        client().listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName()))
                .forEach(n -> {
                    try {
                        client().removeNetworkCmd(n.getId()).exec();
                    } catch (NotFoundException gone) {
                        // fine
                    }
                });
    }

    /** Removes what a test runtime may have left: its containers, then its networks. */
    public static void cleanUp(String runtimeId, String... networks) {
        containersOf(runtimeId).forEach(c -> removeContainer(c.getId()));
        for (String network : networks) {
            removeNetwork(network);
        }
    }
}
