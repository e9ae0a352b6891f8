package com.themepress.runtime.sandbox;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Where containers are made and how they are confined. Every default lives here; values out of
 * range stop the runtime at startup. The runtime id and network names become Docker names, so
 * they keep to Docker's name characters.
 *
 * @param runtimeId stable name of this runtime; its containers carry it as a label, and at start
 *        it removes every container so labelled. Runtimes sharing one engine need distinct ids.
 * @param dockerHost engine endpoint; the API version is negotiated, never pinned
 * @param dockerTimeout longest wait for one engine command
 * @param dockerConnectTimeout longest wait for a connection to the engine
 * @param internalNetwork network (created {@code internal}) for instances without outbound access
 * @param outboundNetwork ordinary bridge network for instances granted outbound access
 * @param containerPort where the addon contract answers inside the container
 * @param user uid:gid the addon runs as
 * @param pidsLimit processes and threads one container may have
 * @param tmpfsSize size of the writable, noexec {@code /tmp}
 * @param openFiles open-file limit (soft and hard)
 * @param logMaxSize the engine keeps at most this much of a container's output
 * @param startupCpus CPUs a new container may use while it starts (runtime start-up, first JIT, first
 *                    calls) when that is more than its manifest's; 0 turns the boost off. Its CFS quota
 *                    would otherwise throttle a quarter-CPU container for most of each 100 ms period
 * @param startupBoost how long after its start a container keeps {@code startupCpus}; then it is put back
 *                     to its manifest's CPUs (or removed, if the engine refuses)
 */
@ConfigurationProperties("themepress.runtime.sandbox")
@Validated
public record SandboxProperties(
        @DefaultValue("local") @NotNull @Pattern(regexp = DOCKER_NAME) String runtimeId,
        @DefaultValue("unix:///var/run/docker.sock") @NotBlank String dockerHost,
        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration dockerTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration dockerConnectTimeout,
        @DefaultValue("themepress-sandbox") @NotNull @Pattern(regexp = DOCKER_NAME) String internalNetwork,
        @DefaultValue("themepress-outbound") @NotNull @Pattern(regexp = DOCKER_NAME) String outboundNetwork,
        @DefaultValue("3000") @Min(1) @Max(65535) int containerPort,
        @DefaultValue("1001:1001") @NotBlank String user,
        @DefaultValue("128") @Min(1) long pidsLimit,
        @DefaultValue("16MB") @NotNull DataSize tmpfsSize,
        @DefaultValue("1024") @Min(1) long openFiles,
        @DefaultValue("1MB") @NotNull DataSize logMaxSize,
        @DefaultValue("1.0") @DecimalMin("0") @DecimalMax("16") double startupCpus,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration startupBoost) {

    /** The CPUs a container starts with for a manifest's {@code cpus}: more while the boost is on. */
    double startCpus(double cpus) {
        return startupCpus > cpus && !startupBoost.isZero() ? startupCpus : cpus;
    }

    /** What Docker accepts in container and network names. */
    static final String DOCKER_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";
}
