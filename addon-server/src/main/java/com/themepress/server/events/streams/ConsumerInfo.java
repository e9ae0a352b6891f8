package com.themepress.server.events.streams;

/** One consumer (a replica) of a group as {@code XINFO CONSUMERS} shows it. */
public record ConsumerInfo(String name, long pending, long idleMillis) {
}
