package com.themepress.model.semver;

import java.math.BigInteger;
import java.util.regex.Matcher;

/**
 * A version as written inside range shorthand: components are kept as their digits, or
 * {@code null} when missing or a wildcard, because node-semver copies them into the rewritten
 * comparators as text and only validates their size afterwards.
 *
 * @param major      digits, or null for x, X, * (never missing)
 * @param minor      digits, or null when missing or a wildcard
 * @param patch      digits, or null when missing or a wildcard
 * @param prerelease prerelease text without '-', or null
 */
record PartialVersion(String major, String minor, String patch, String prerelease) {

    static PartialVersion from(Matcher matcher, RangeGrammar.PartialGroups groups) {
        return new PartialVersion(
                numberOrNull(matcher.group(groups.major())),
                numberOrNull(matcher.group(groups.minor())),
                numberOrNull(matcher.group(groups.patch())),
                matcher.group(groups.prerelease()));
    }

    private static String numberOrNull(String component) {
        boolean wildcard = component == null || component.isEmpty()
                || component.equalsIgnoreCase("x") || component.equals("*");
        return wildcard ? null : component;
    }

    boolean anyWildcard() {
        return major == null || minor == null || patch == null;
    }

    /**
     * Wildcards must only trail: {@code x.1} or {@code 1.x.2} is not an x-range. Missing parts
     * count as trailing wildcards, so {@code 1} and {@code 1.2} are fine.
     */
    boolean wildcardsOutOfOrder() {
        return (major == null && minor != null) || (minor == null && patch != null);
    }

    /** Adds one without overflow; a result too large for npm is rejected when the comparator is read. */
    static String increment(String digits) {
        return new BigInteger(digits).add(BigInteger.ONE).toString();
    }
}
