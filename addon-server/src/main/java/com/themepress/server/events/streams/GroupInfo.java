package com.themepress.server.events.streams;

import org.jspecify.annotations.Nullable;

/**
 * A subscriber's consumer group as {@code XINFO GROUPS} shows it.
 *
 * @param lag     entries the group has not read yet (null when Redis cannot tell)
 * @param pending entries read by a consumer and not yet acknowledged
 */
public record GroupInfo(String addon, long consumers, long pending, @Nullable Long lag, String lastDeliveredId) {
}
