package com.themepress.runtime.sandbox;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import com.themepress.model.manifest.Resources;

/**
 * The confinement of every instance, in one place: memory without swap, CPU share, a pids limit,
 * a read-only root with a small noexec {@code /tmp}, no capabilities, no privilege gain, bounded
 * logs and open files, and the network {@link NetworkPolicy} chose. The user is set on the
 * container itself (see {@link DockerSandbox}).
 */
@Component
@OnDockerDriver
class SandboxProfile {

    private static final long MIB = 1024L * 1024L;

    private final SandboxProperties props;

    SandboxProfile(SandboxProperties props) {
        this.props = props;
    }

    HostConfig hostConfig(Resources resources, String network) {
        long memory = resources.memoryMb() * MIB;
        return HostConfig.newHostConfig()
                .withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs(nanoCpus(props.startCpus(resources.cpus())))
                .withPidsLimit(props.pidsLimit())
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,size=" + props.tmpfsSize().toBytes()))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPrivileged(false)
                .withUlimits(List.of(new Ulimit("nofile", props.openFiles(), props.openFiles())))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", Long.toString(props.logMaxSize().toBytes()), "max-file", "1")))
                .withRestartPolicy(RestartPolicy.noRestart())
                .withNetworkMode(network);
    }

    static long nanoCpus(double cpus) {
        return Math.round(cpus * 1_000_000_000d);
    }

    String user() {
        return props.user();
    }
}
