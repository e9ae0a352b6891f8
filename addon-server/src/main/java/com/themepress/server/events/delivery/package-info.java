/**
 * Delivery of events to subscribing addons, at least once: per subscriber a reader of its consumer
 * group, a shared pool that delivers and settles (acknowledge, retry with backoff, dead letter), and a
 * periodic sweep for due retries and entries abandoned by dead replicas. {@code SubscriberSync} keeps
 * the subscribers equal to the registry's.
 */
@NullMarked
package com.themepress.server.events.delivery;

import org.jspecify.annotations.NullMarked;
