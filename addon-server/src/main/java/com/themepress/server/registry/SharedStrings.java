package com.themepress.server.registry;

import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One instance of each owner, author, version and category string among the catalogue's entries:
 * each document read from the store brings its own copies, and at 100,000 addons these few distinct
 * values cost about 15 MB as copies. At most {@link #MAX} values are kept; past that, copies stay
 * copies. {@link ListedAddon#weight} counts every string as a copy, so the byte bound holds either way.
 */
final class SharedStrings {

    static final int MAX = 100_000;

    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

    @Nullable String of(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (values.size() >= MAX) {
            return value;
        }
        shared = values.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }
}
