package com.themepress.runtime.sandbox;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

/**
 * Two clients on one engine: {@code commands} with a response timeout, {@code events} without
 * one (its stream stays open). No API version is set: docker-java negotiates with the engine.
 */
public record DockerClients(DockerClient commands, DockerClient events) implements AutoCloseable {

    public static DockerClients connect(SandboxProperties props) {
        return new DockerClients(client(props, props.dockerTimeout()), client(props, null));
    }

    private static DockerClient client(SandboxProperties props, @Nullable Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(props.dockerHost())
                .build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(props.dockerConnectTimeout());
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    @Override
    public void close() throws IOException {
        commands.close();
        events.close();
    }
}
