package com.themepress.model.semver;

import java.util.Arrays;
import java.util.List;

/**
 * Turns text into a {@link SemVer}, explaining the first thing that is wrong. Written by hand
 * rather than as one regular expression so that each failure gets its own message.
 */
final class VersionParser {

    private static final String[] PART_NAMES = {"major", "minor", "patch"};

    private VersionParser() {
    }

    static SemVer parse(String text) {
        if (text == null) {
            throw new InvalidVersionException("null", "version must not be null");
        }
        if (text.isEmpty()) {
            throw new InvalidVersionException(text, "version is empty");
        }
        if (text.length() > SemVer.MAX_LENGTH) {
            throw new InvalidVersionException(text, "longer than " + SemVer.MAX_LENGTH + " characters");
        }
        char first = text.charAt(0);
        if (first == 'v' || first == 'V' || first == '=') {
            throw new InvalidVersionException(text, "must not start with '" + first
                    + "'; write " + text.substring(1) + " instead");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Identifiers.isIdentifierChar(c) && c != '.' && c != '+') {
                String shown = Character.isWhitespace(c) ? "whitespace" : "'" + c + "'";
                throw new InvalidVersionException(text, "contains " + shown + " at index " + i);
            }
        }

        int plus = text.indexOf('+');
        String build = plus < 0 ? "" : text.substring(plus + 1);
        String head = plus < 0 ? text : text.substring(0, plus);
        if (plus >= 0 && build.isEmpty()) {
            throw new InvalidVersionException(text, "build metadata after '+' is empty");
        }
        if (build.indexOf('+') >= 0) {
            throw new InvalidVersionException(text, "contains more than one '+'");
        }

        // The first '-' ends the core: prerelease identifiers may contain '-' themselves.
        int dash = head.indexOf('-');
        String core = dash < 0 ? head : head.substring(0, dash);
        List<String> prerelease = List.of();
        if (dash >= 0) {
            String tail = head.substring(dash + 1);
            if (tail.isEmpty()) {
                throw new InvalidVersionException(text, "prerelease after '-' is empty");
            }
            prerelease = Arrays.asList(tail.split("\\.", -1));
        }

        String[] parts = core.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidVersionException(text, "expected MAJOR.MINOR.PATCH but the core \"" + core
                    + "\" has " + parts.length + " part" + (parts.length == 1 ? "" : "s"));
        }
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            numbers[i] = parseNumber(text, PART_NAMES[i], parts[i]);
        }
        // The record's constructor checks the identifiers and explains any problem.
        return new SemVer(numbers[0], numbers[1], numbers[2], prerelease, build);
    }

    private static int parseNumber(String text, String name, String digits) {
        if (digits.isEmpty()) {
            throw new InvalidVersionException(text, name + " version is empty");
        }
        if (!Identifiers.isNumeric(digits)) {
            throw new InvalidVersionException(text, name + " version \"" + digits + "\" is not a number");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new InvalidVersionException(text, name + " version \"" + digits + "\" has a leading zero");
        }
        // Ten digits can still exceed int; eleven or more always do.
        long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidVersionException(text, name + " version " + digits + " is larger than "
                    + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
