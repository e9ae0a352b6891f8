package com.themepress.model.events;

import java.util.Collection;

/**
 * An event type pattern from a manifest: dot-separated segments where {@code *} stands for exactly
 * one segment ({@code payment.*} matches {@code payment.completed}, not {@code payment} nor
 * {@code payment.card.declined}).
 */
public record EventPattern(String pattern) {

    public boolean matches(String type) {
        String[] want = pattern.split("\\.", -1);
        String[] have = type.split("\\.", -1);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    public static boolean anyMatches(Collection<String> patterns, String type) {
        return patterns.stream().map(EventPattern::new).anyMatch(p -> p.matches(type));
    }

    @Override
    public String toString() {
        return pattern;
    }
}
