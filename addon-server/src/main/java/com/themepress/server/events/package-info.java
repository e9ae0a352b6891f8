/**
 * The event bus (spec section 7): events published by addons (from execute answers) and by trusted
 * callers ({@code POST /api/events}) are appended to one Redis stream; every subscribing addon has
 * its own consumer group on it, shared by all addon-server replicas, and receives each event
 * at least once through the addon-runtime. Failed deliveries retry with backoff and end in a
 * dead-letter collection that can be replayed. See docs/event-bus.md.
 *
 * <p>This package holds what every part shares (the envelope, the settings, the meters); the parts are
 * {@code publishing} (publish and the log API), {@code delivery} (readers, settlement, sweeps),
 * {@code deadletters} (store and API) and {@code streams} (Redis access).
 */
@NullMarked
package com.themepress.server.events;

import org.jspecify.annotations.NullMarked;
