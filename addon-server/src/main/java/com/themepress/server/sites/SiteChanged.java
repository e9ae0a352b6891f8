package com.themepress.server.sites;

import com.themepress.server.cluster.ClusterEvent;

/** A site's name, origins or keys changed: every replica drops what it cached of it. */
public record SiteChanged(String site) implements ClusterEvent {
}
