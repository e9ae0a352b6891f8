/**
 * Broadcasts between addon-server replicas ({@link com.themepress.server.cluster.ClusterEvent}s such
 * as registry changes), over Redis pub/sub. Features publish and listen here without knowing the
 * event bus, which supplies the {@link com.themepress.server.cluster.BroadcastTransport}.
 */
@NullMarked
package com.themepress.server.cluster;

import org.jspecify.annotations.NullMarked;
