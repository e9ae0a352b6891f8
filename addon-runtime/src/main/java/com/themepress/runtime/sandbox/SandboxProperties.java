package com.themepress.runtime.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where containers are made and how they are confined. Every default lives here.
 *
 * @param runtimeId stable name of this runtime; its containers carry it as a label, and at start
 *        it removes every container so labelled. Runtimes sharing one engine need distinct ids.
 * @param dockerHost engine endpoint; the API version is negotiated, never pinned
 * @param dockerTimeout longest wait for one engine command
 * @param internalNetwork network (created {@code internal}) for instances without outbound access
 * @param outboundNetwork ordinary bridge network for instances granted outbound access
 * @param containerPort where the addon contract answers inside the container
 * @param user uid:gid the addon runs as
 * @param pidsLimit processes and threads one container may have
 * @param tmpfsSize size of the writable, noexec {@code /tmp}
 * @param openFiles open-file limit (soft and hard)
 * @param logMaxSize the engine keeps at most this much of a container's output
 */
@ConfigurationProperties("themepress.runtime.sandbox")
public record SandboxProperties(
        @DefaultValue("local") String runtimeId,
        @DefaultValue("unix:///var/run/docker.sock") String dockerHost,
        @DefaultValue("60s") Duration dockerTimeout,
        @DefaultValue("themepress-sandbox") String internalNetwork,
        @DefaultValue("themepress-outbound") String outboundNetwork,
        @DefaultValue("3000") int containerPort,
        @DefaultValue("1001:1001") String user,
        @DefaultValue("128") long pidsLimit,
        @DefaultValue("16MB") DataSize tmpfsSize,
        @DefaultValue("1024") long openFiles,
        @DefaultValue("1MB") DataSize logMaxSize) {
}
