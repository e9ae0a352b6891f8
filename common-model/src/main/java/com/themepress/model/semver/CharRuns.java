package com.themepress.model.semver;

/**
 * Measures the pieces of version syntax at a position of a string, with node-semver's length
 * bounds. Each method returns the index just past what it found, or -1 when nothing fits; reading
 * past the end of the string sees no character at all.
 */
final class CharRuns {

    private CharRuns() {
    }

    static char at(String text, int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    /**
     * Length of the run of digits at {@code start}, counting no further than one past every bound
     * that callers test, so that scanning from each position of a long run stays linear.
     */
    static int digitRun(String text, int start) {
        int limit = Math.min(text.length(), start + RangeGrammar.MAX_NUMBER_DIGITS);
        int end = start;
        while (end < limit && Identifiers.isDigit(text.charAt(end))) {
            end++;
        }
        return end - start;
    }

    /** Length of the run of [0-9A-Za-z-] at {@code start}, counting at most {@code limit}. */
    static int identifierRun(String text, int start, int limit) {
        int stop = (int) Math.min(text.length(), (long) start + limit);
        int end = start;
        while (end < stop && Identifiers.isIdentifierChar(text.charAt(end))) {
            end++;
        }
        return end - start;
    }

    static boolean isLetterOrHyphen(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }

    /** A number without leading zero: "0", or a non-zero digit and at most 256 more digits. */
    static int numberEnd(String text, int start) {
        char first = at(text, start);
        if (first == '0') {
            return start + 1;
        }
        if (first >= '1' && first <= '9') {
            return start + Math.min(digitRun(text, start), RangeGrammar.MAX_NUMBER_DIGITS);
        }
        return -1;
    }

    /** Up to 256 digits, one letter or hyphen, then up to 250 letters, digits or hyphens. */
    static int alphanumericIdentifierEnd(String text, int start) {
        int digits = digitRun(text, start);
        int marker = start + digits;
        if (digits > RangeGrammar.MAX_DIGIT_RUN || !isLetterOrHyphen(at(text, marker))) {
            return -1;
        }
        return marker + 1 + identifierRun(text, marker + 1, RangeGrammar.MAX_ID_TAIL);
    }

    /**
     * '+' and dot-separated identifiers, each cut at {@code maxIdentifier} characters; returns
     * {@code start} itself when there is no build there.
     */
    static int buildEnd(String text, int start, int maxIdentifier) {
        if (at(text, start) != '+') {
            return start;
        }
        int run = identifierRun(text, start + 1, maxIdentifier);
        if (run == 0) {
            return start;
        }
        int end = start + 1 + run;
        while (at(text, end) == '.') {
            run = identifierRun(text, end + 1, maxIdentifier);
            if (run == 0) {
                break;
            }
            end = end + 1 + run;
        }
        return end;
    }
}
