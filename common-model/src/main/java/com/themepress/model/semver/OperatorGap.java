package com.themepress.model.semver;

import static com.themepress.model.semver.CharRuns.at;

/**
 * Deletes the space between an operator and the version it governs ({@code > 1.2.3} becomes
 * {@code >1.2.3}), exactly where npm's comparator-trim expression
 * {@code ( ?)([<>]?=?) ?(LOOSE_VERSION|PARTIAL_VERSION)} would, searching left to right and
 * resuming after each match.
 *
 * <p>Where a match ends matters as much as where it starts: a version swallows any 'v', '=' and
 * spaces before it, so in {@code v= 1} nothing is deleted and the range stays invalid. This is a
 * scanner rather than that expression because Java's regex engine recurses per repeated group
 * and would rescan long runs of 'v', '=' and spaces from every position: a few kilobytes of
 * hostile input would take minutes or overflow the stack. This scanner is linear.
 */
final class OperatorGap {

    private OperatorGap() {
    }

    static String close(String text) {
        int[] prefixRunEnd = prefixRunEnds(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            int cursor = i;
            if (at(text, cursor) == ' ') {
                cursor++;
            }
            if (at(text, cursor) == '<' || at(text, cursor) == '>') {
                cursor++;
            }
            if (at(text, cursor) == '=') {
                cursor++;
            }
            int gap = at(text, cursor) == ' ' ? cursor++ : -1;
            cursor = prefixRunEnd[cursor];
            if (!isVersionStart(at(text, cursor))) {
                i++;
                continue;
            }
            if (gap >= 0) {
                out.append(text, copied, gap);
                copied = gap + 1;
            }
            int end = looseVersionEnd(text, cursor);
            i = end >= 0 ? end : partialVersionEnd(text, cursor);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * For each index, where the run of 'v', '=' and spaces starting there ends. Computed once so
     * that a failed attempt costs constant time instead of rescanning the run from every start.
     */
    private static int[] prefixRunEnds(String text) {
        int[] ends = new int[text.length() + 1];
        ends[text.length()] = text.length();
        for (int k = text.length() - 1; k >= 0; k--) {
            ends[k] = isPrefix(text.charAt(k)) ? ends[k + 1] : k;
        }
        return ends;
    }

    private static boolean isPrefix(char c) {
        return c == 'v' || c == '=' || c == ' ';
    }

    private static boolean isVersionStart(char c) {
        return Identifiers.isDigit(c) || c == 'x' || c == 'X' || c == '*';
    }

    /**
     * The loose form npm tries first: three numbers of up to 256 digits (leading zeros allowed),
     * then optionally a prerelease whose '-' may be missing, then optionally a build.
     */
    private static int looseVersionEnd(String text, int start) {
        int end = start;
        for (int component = 0; component < 3; component++) {
            int digits = CharRuns.digitRun(text, end);
            if (digits == 0) {
                return -1;
            }
            if (component < 2) {
                if (digits > RangeGrammar.MAX_DIGIT_RUN || at(text, end + digits) != '.') {
                    return -1;
                }
                end += digits + 1;
            } else {
                end += Math.min(digits, RangeGrammar.MAX_DIGIT_RUN);
            }
        }
        int identifier = looseIdentifierEnd(text, at(text, end) == '-' ? end + 1 : end);
        if (identifier < 0 && at(text, end) == '-') {
            // With nothing usable after it, the hyphen itself is read as a one-character identifier.
            identifier = end + 1;
        }
        if (identifier >= 0) {
            end = identifier;
            while (at(text, end) == '.' && (identifier = looseIdentifierEnd(text, end + 1)) >= 0) {
                end = identifier;
            }
        }
        return CharRuns.buildEnd(text, end, RangeGrammar.MAX_ID_TAIL);
    }

    private static int looseIdentifierEnd(String text, int start) {
        int end = CharRuns.alphanumericIdentifierEnd(text, start);
        if (end >= 0) {
            return end;
        }
        int digits = CharRuns.digitRun(text, start);
        return digits == 0 ? -1 : start + Math.min(digits, RangeGrammar.MAX_DIGIT_RUN);
    }

    /** The strict partial form: up to three numbers or wildcards, and after three a prerelease and build. */
    private static int partialVersionEnd(String text, int start) {
        int end = componentEnd(text, start);
        for (int component = 1; component < 3; component++) {
            int next = at(text, end) == '.' ? componentEnd(text, end + 1) : -1;
            if (next < 0) {
                return end;
            }
            end = next;
        }
        int identifier = at(text, end) == '-' ? strictIdentifierEnd(text, end + 1) : -1;
        if (identifier >= 0) {
            end = identifier;
            while (at(text, end) == '.' && (identifier = strictIdentifierEnd(text, end + 1)) >= 0) {
                end = identifier;
            }
        }
        return CharRuns.buildEnd(text, end, RangeGrammar.MAX_ID_TAIL);
    }

    private static int componentEnd(String text, int start) {
        char c = at(text, start);
        return c == 'x' || c == 'X' || c == '*' ? start + 1 : CharRuns.numberEnd(text, start);
    }

    private static int strictIdentifierEnd(String text, int start) {
        int end = CharRuns.alphanumericIdentifierEnd(text, start);
        return end >= 0 ? end : CharRuns.numberEnd(text, start);
    }
}
