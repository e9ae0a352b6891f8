package com.themepress.runtime.pool;

/**
 * A container of this runtime stopped on its own (crash, OOM kill, kill from outside).
 *
 * @param reason bounded label: {@code exited} or {@code oom_killed}
 */
public record ContainerDeath(String containerId, String reason, int exitCode) {
}
