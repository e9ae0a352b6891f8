package com.themepress.model.semver;

/** Keeps exception messages readable when the rejected input is huge (and possibly hostile). */
final class Abbreviation {

    private static final int LIMIT = 300;

    private Abbreviation() {
    }

    static String of(String text) {
        if (text == null || text.length() <= LIMIT) {
            return text;
        }
        return text.substring(0, LIMIT) + "... (" + text.length() + " characters)";
    }
}
