/**
 * Broadcasts between addon-server replicas ({@link com.themepress.server.cluster.ClusterEvent}s such
 * as registry changes or key revocations), over Redis pub/sub. Features publish and listen here without
 * knowing the event bus, which supplies the {@link com.themepress.server.cluster.BroadcastTransport}. A
 * broadcast may also wait until every receiver confirms it, and a resubscription is announced locally
 * ({@link com.themepress.server.cluster.BroadcastsResubscribed}) for caches that must not trust a gap.
 */
@NullMarked
package com.themepress.server.cluster;

import org.jspecify.annotations.NullMarked;
