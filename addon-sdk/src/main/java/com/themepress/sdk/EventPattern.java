package com.themepress.sdk;

import java.util.regex.Pattern;

/**
 * A subscription pattern as the manifest writes them: dot-separated segments where {@code *}
 * stands for exactly one segment ({@code payment.*} matches {@code payment.completed} but not
 * {@code payment.card.declined}).
 */
record EventPattern(String pattern) {

    private static final Pattern SYNTAX = Pattern.compile("^([a-z][a-z0-9-]*|\\*)(\\.([a-z][a-z0-9-]*|\\*))*$");

    EventPattern {
        if (!SYNTAX.matcher(pattern).matches()) {
            throw new IllegalArgumentException("event pattern '" + pattern + "' must be dot-separated lowercase slugs or *");
        }
    }

    boolean matches(String type) {
        String[] want = pattern.split("\\.");
        String[] got = type.split("\\.", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }
}
