package com.themepress.model.semver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes node-semver recognises inside a range, as anchored regular expressions over text
 * whose whitespace has already been collapsed to single spaces.
 *
 * <p>Dotted identifier lists (prerelease, build) are matched as one plain character run and
 * checked by {@link #validPrerelease} and {@link #validBuild} instead of as a repeated group:
 * Java's regex engine recurses once per repetition of a group, and a long list would overflow
 * the stack. In an anchored match nothing else can follow such a run, so both forms accept the
 * same texts.
 *
 * <p>node-semver bounds digit runs to 257 and identifier tails to 250 characters to avoid regex
 * denial of service, and those bounds decide whether absurdly long inputs are valid; they are
 * kept so that such inputs get the same verdict.
 */
final class RangeGrammar {

    private RangeGrammar() {
    }

    /** Longest run of digits npm's bounded expressions read in one go. */
    static final int MAX_DIGIT_RUN = 256;
    /** A number without leading zero: one non-zero digit and up to {@link #MAX_DIGIT_RUN} more. */
    static final int MAX_NUMBER_DIGITS = MAX_DIGIT_RUN + 1;
    /** Longest identifier tail npm's bounded expressions read in one go. */
    static final int MAX_ID_TAIL = 250;

    private static final String NUMBER = "(?:0|[1-9][0-9]{0,256})";
    private static final String WILDCARD_OR_NUMBER = "(?:" + NUMBER + "|[xX*])";
    private static final String ID_LIST_RUN = "[0-9A-Za-z.-]++";

    /**
     * A version that may be partial or contain wildcards ({@code 1}, {@code 1.x}, {@code =v1.2.3-rc.1}).
     * Any run of 'v', '=' and spaces may precede it: node-semver tolerates such prefixes everywhere.
     * A prerelease and build are only recognised after all three components.
     */
    private static String partial(String tag) {
        return "[v= ]*+(?<" + tag + "Major>" + WILDCARD_OR_NUMBER + ")"
                + "(?:\\.(?<" + tag + "Minor>" + WILDCARD_OR_NUMBER + ")"
                + "(?:\\.(?<" + tag + "Patch>" + WILDCARD_OR_NUMBER + ")"
                + "(?:-(?<" + tag + "Pre>" + ID_LIST_RUN + "))?"
                + "(?:\\+(?<" + tag + "Build>" + ID_LIST_RUN + "))?"
                + ")?)?";
    }

    /** Names of the groups of a {@link #partial} with a given tag. */
    record PartialGroups(String major, String minor, String patch, String prerelease, String build) {
        static PartialGroups tagged(String tag) {
            return new PartialGroups(tag + "Major", tag + "Minor", tag + "Patch", tag + "Pre", tag + "Build");
        }
    }

    static final PartialGroups VERSION_GROUPS = PartialGroups.tagged("v");
    static final PartialGroups FROM_GROUPS = PartialGroups.tagged("f");
    static final PartialGroups TO_GROUPS = PartialGroups.tagged("t");

    /** {@code A - B} filling a whole comparator set. */
    static final Pattern HYPHEN = Pattern.compile(
            "^ ?(?<from>" + partial("f") + ") - (?<to>" + partial("t") + ") ?$");

    /** {@code ~ 1.2} and {@code ~> 1.2} become {@code ~1.2}; note the '>' is dropped with the space. */
    static final Pattern TILDE_GAP = Pattern.compile("~>? ");

    static final Pattern CARET_GAP = Pattern.compile("\\^ ");

    static final Pattern CARET = Pattern.compile("^\\^" + partial("v") + "$");

    static final Pattern TILDE = Pattern.compile("^~>?" + partial("v") + "$");

    static final Pattern X_RANGE = Pattern.compile("^(?<op>[<>]?=?) ?" + partial("v") + "$");

    /** A star with an optional operator; npm deletes the first one left in a token. */
    static final Pattern STAR = Pattern.compile("[<>]?=? ?\\*");

    /** A primitive comparator: operator and a complete version. */
    static final Pattern COMPARATOR = Pattern.compile(
            "^(?<op>[<>]?=?) ?(?<version>v?(?<major>" + NUMBER + ")\\.(?<minor>" + NUMBER + ")\\.(?<patch>"
                    + NUMBER + ")(?:-(?<pre>" + ID_LIST_RUN + "))?(?:\\+(?<build>" + ID_LIST_RUN + "))?)$");

    /** Matches the whole text, or returns null; identifier lists of the given groups must be valid too. */
    static Matcher matchWhole(Pattern pattern, String text, PartialGroups... groups) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        for (PartialGroups group : groups) {
            if (!validPrerelease(matcher.group(group.prerelease())) || !validBuild(matcher.group(group.build()))) {
                return null;
            }
        }
        return matcher;
    }

    /** Null (absent) or dot-separated identifiers each of which is numeric or alphanumeric, within npm's bounds. */
    static boolean validPrerelease(String list) {
        if (list == null) {
            return true;
        }
        for (String identifier : list.split("\\.", -1)) {
            if (CharRuns.alphanumericIdentifierEnd(identifier, 0) != identifier.length()
                    && CharRuns.numberEnd(identifier, 0) != identifier.length()) {
                return false;
            }
        }
        return true;
    }

    /** Null (absent) or dot-separated identifiers of 1 to 250 letters, digits and hyphens. */
    static boolean validBuild(String list) {
        if (list == null) {
            return true;
        }
        for (String identifier : list.split("\\.", -1)) {
            if (identifier.isEmpty() || identifier.length() > MAX_ID_TAIL
                    || CharRuns.identifierRun(identifier, 0, MAX_ID_TAIL) != identifier.length()) {
                return false;
            }
        }
        return true;
    }
}
