package com.themepress.model.cluster;

/**
 * The Redis pub/sub channels the services share: the one place that spells their names, so the
 * publisher and every listener agree.
 */
public final class BroadcastChannels {

    /**
     * Registry and widget-config changes: the message is an addon's name. The addon-server publishes
     * it; widget-renderers drop what they cached about that addon.
     */
    public static final String REGISTRY_CHANGES = "themepress:registry-changes";

    /**
     * Cluster events between addon-server replicas, under the event bus's key prefix
     * ({@code themepress.events.key-prefix}): see {@link #clusterEvents(String)}.
     */
    public static final String CLUSTER_EVENTS_SUFFIX = ":broadcast";

    private BroadcastChannels() {
    }

    /** The cluster-events channel of a bus whose keys start with {@code keyPrefix}. */
    public static String clusterEvents(String keyPrefix) {
        return keyPrefix + CLUSTER_EVENTS_SUFFIX;
    }
}
