package com.themepress.model.semver;

/**
 * Whitespace as JavaScript's {@code \s} and {@code String.prototype.trim} see it. Java's
 * {@code String.trim} and {@code \s} use other sets (trim also strips control characters such as
 * U+0001, and misses U+00A0), so ranges would be accepted or rejected differently from npm.
 */
final class JsWhitespace {

    private JsWhitespace() {
    }

    static boolean is(char c) {
        switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029',
                 '\u202F', '\u205F', '\u3000', '\uFEFF':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }

    /** Trims both ends and turns every inner run of whitespace into one space. */
    static String collapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Trims plain spaces, the only whitespace left once the text has been collapsed. */
    static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }
}
