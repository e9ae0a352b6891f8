package com.themepress.server.install;

import com.themepress.server.cluster.ClusterEvent;

/** An installation was made, changed or removed: replicas drop what they cached of it. */
public record InstallationChanged(String site, String addon) implements ClusterEvent {
}
