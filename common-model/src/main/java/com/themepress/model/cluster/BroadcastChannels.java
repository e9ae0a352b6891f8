package com.themepress.model.cluster;

/**
 * The Redis pub/sub channels the services share: the one place that spells their names, so the
 * publisher and every listener agree.
 */
public final class BroadcastChannels {

    /**
     * Registry and widget-config changes: the message is an addon's name. The addon-server publishes
     * it; widget-renderers drop what they cached about that addon. A message may name a confirmation
     * after a space ({@code "shop 6f1c…"}): each renderer that evicted pushes onto
     * {@link #confirmations(String, String)}, so the publisher can wait until every renderer that
     * received the message has dropped the old state.
     */
    public static final String REGISTRY_CHANGES = "themepress:registry-changes";

    /**
     * Cluster events between addon-server replicas, under the event bus's key prefix
     * ({@code themepress.events.key-prefix}): see {@link #clusterEvents(String)}.
     */
    public static final String CLUSTER_EVENTS_SUFFIX = ":broadcast";

    private BroadcastChannels() {
    }

    /** The Redis list each renderer pushes onto once it acted on change message {@code id} of {@code channel}. */
    public static String confirmations(String channel, String id) {
        return channel + ":confirmed:" + id;
    }

    /** The cluster-events channel of a bus whose keys start with {@code keyPrefix}. */
    public static String clusterEvents(String keyPrefix) {
        return keyPrefix + CLUSTER_EVENTS_SUFFIX;
    }
}
