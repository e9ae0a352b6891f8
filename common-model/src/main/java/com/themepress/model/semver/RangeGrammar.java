package com.themepress.model.semver;

import java.util.regex.Pattern;

/**
 * The lexical shapes node-semver recognises in a range, as regular expressions over text whose
 * whitespace has already been collapsed to single spaces.
 *
 * <p>node-semver bounds its repetitions (digits to 257, identifier tails to 250 characters) to
 * avoid regex denial of service, and those bounds decide whether absurdly long inputs are valid;
 * they are kept here so that such inputs get the same verdict.
 */
final class RangeGrammar {

    private RangeGrammar() {
    }

    private static final String NUMBER = "(?:0|[1-9][0-9]{0,256})";
    private static final String LOOSE_NUMBER = "[0-9]{1,256}";
    private static final String ALPHANUMERIC_ID = "[0-9]{0,256}[A-Za-z-][0-9A-Za-z-]{0,250}";
    private static final String PRERELEASE_ID = "(?:" + ALPHANUMERIC_ID + "|" + NUMBER + ")";
    private static final String LOOSE_PRERELEASE_ID = "(?:" + ALPHANUMERIC_ID + "|" + LOOSE_NUMBER + ")";
    private static final String PRERELEASE_IDS = PRERELEASE_ID + "(?:\\." + PRERELEASE_ID + ")*";
    private static final String BUILD = "\\+[0-9A-Za-z-]{1,250}(?:\\.[0-9A-Za-z-]{1,250})*";
    private static final String WILDCARD_OR_NUMBER = "(?:" + NUMBER + "|[xX*])";

    /**
     * A version that may be partial or contain wildcards ({@code 1}, {@code 1.x}, {@code =v1.2.3-rc.1}).
     * Any run of 'v', '=' and spaces may precede it: node-semver tolerates such prefixes everywhere.
     * A prerelease and build are only recognised after all three components.
     */
    private static String partial(String tag) {
        return "[v= ]*" + group(tag, "Major", WILDCARD_OR_NUMBER)
                + "(?:\\." + group(tag, "Minor", WILDCARD_OR_NUMBER)
                + "(?:\\." + group(tag, "Patch", WILDCARD_OR_NUMBER)
                + "(?:-" + group(tag, "Pre", PRERELEASE_IDS) + ")?"
                + "(?:" + BUILD + ")?"
                + ")?)?";
    }

    private static String group(String tag, String name, String body) {
        return tag == null ? "(?:" + body + ")" : "(?<" + tag + name + ">" + body + ")";
    }

    /** Names of the groups of a {@link #partial} tagged with {@code tag}. */
    record PartialGroups(String major, String minor, String patch, String prerelease) {
        static PartialGroups tagged(String tag) {
            return new PartialGroups(tag + "Major", tag + "Minor", tag + "Patch", tag + "Pre");
        }
    }

    static final PartialGroups VERSION_GROUPS = PartialGroups.tagged("v");
    static final PartialGroups FROM_GROUPS = PartialGroups.tagged("f");
    static final PartialGroups TO_GROUPS = PartialGroups.tagged("t");

    /** Build metadata anywhere; node-semver deletes all of it from a range before anything else. */
    static final Pattern ANY_BUILD = Pattern.compile("\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*");

    /** {@code A - B} filling a whole comparator set. */
    static final Pattern HYPHEN = Pattern.compile(
            "^ ?(?<from>" + partial("f") + ") - (?<to>" + partial("t") + ") ?$");

    /**
     * An operator, a space, then something version-like: the space is dropped so {@code >= 1.2.3}
     * becomes one token. The version alternative decides where the next search starts, so the
     * loose full form (leading zeros, prerelease without '-') is tried first, as npm does.
     */
    static final Pattern OPERATOR_GAP = Pattern.compile(
            "(?<lead> ?)(?<op>[<>]?=?) ?(?<version>"
                    + "[v= ]*" + LOOSE_NUMBER + "\\." + LOOSE_NUMBER + "\\." + LOOSE_NUMBER
                    + "(?:-?" + LOOSE_PRERELEASE_ID + "(?:\\." + LOOSE_PRERELEASE_ID + ")*)?"
                    + "(?:" + BUILD + ")?"
                    + "|" + partial(null) + ")");

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
                    + NUMBER + ")(?:-(?<pre>" + PRERELEASE_IDS + "))?(?:" + BUILD + ")?)$");
}
