package com.themepress.model.semver;

import static com.themepress.model.semver.PartialVersion.increment;

import java.util.regex.Matcher;

/**
 * Rewrites npm's range shorthand (hyphen, caret, tilde and x-ranges) into primitive
 * comparators, as text. The result is text rather than objects because npm re-reads it: only
 * then are oversized numbers refused, and a rewritten {@code >=0.0.0} still turns into "any".
 *
 * <p>Upper bounds end in {@code -0}, the lowest prerelease, so that {@code <2.0.0-0} shuts out
 * 2.0.0's prereleases as well as 2.0.0 itself.
 */
final class Shorthand {

    private Shorthand() {
    }

    /**
     * {@code A - B}: inclusive at both ends, but a partial end widens to cover everything it names,
     * so {@code 1.2 - 2} means {@code >=1.2.0 <3.0.0-0}.
     */
    static String hyphen(Matcher hyphen) {
        PartialVersion from = PartialVersion.from(hyphen, RangeGrammar.FROM_GROUPS);
        PartialVersion to = PartialVersion.from(hyphen, RangeGrammar.TO_GROUPS);
        String lower;
        if (from.major() == null) {
            lower = "";
        } else if (from.minor() == null) {
            lower = ">=" + from.major() + ".0.0";
        } else if (from.patch() == null) {
            lower = ">=" + from.major() + "." + from.minor() + ".0";
        } else {
            // npm keeps a complete lower end as typed, prefix included, so "=1.2.3 - 2" fails later.
            lower = ">=" + hyphen.group("from");
        }
        String upper;
        if (to.major() == null) {
            upper = "";
        } else if (to.minor() == null) {
            upper = "<" + increment(to.major()) + ".0.0-0";
        } else if (to.patch() == null) {
            upper = "<" + to.major() + "." + increment(to.minor()) + ".0-0";
        } else if (to.prerelease() != null) {
            upper = "<=" + to.major() + "." + to.minor() + "." + to.patch() + "-" + to.prerelease();
        } else {
            upper = "<=" + hyphen.group("to");
        }
        return JsWhitespace.trimSpaces(lower + " " + upper);
    }

    /**
     * {@code ^}: allow changes that do not modify the left-most non-zero component given, so
     * {@code ^1.2.3} allows 1.x, {@code ^0.2.3} allows 0.2.x and {@code ^0.0.3} only 0.0.3.
     * Returns the token unchanged when it is not a caret range.
     */
    static String caret(String token) {
        Matcher matcher = RangeGrammar.matchWhole(RangeGrammar.CARET, token, RangeGrammar.VERSION_GROUPS);
        if (matcher == null) {
            return token;
        }
        PartialVersion v = PartialVersion.from(matcher, RangeGrammar.VERSION_GROUPS);
        String major = v.major();
        String minor = v.minor();
        String patch = v.patch();
        if (major == null) {
            return "";
        }
        if (minor == null) {
            return ">=" + major + ".0.0 <" + increment(major) + ".0.0-0";
        }
        boolean zeroMajor = major.equals("0");
        if (patch == null) {
            return ">=" + major + "." + minor + ".0 <"
                    + (zeroMajor ? major + "." + increment(minor) + ".0-0" : increment(major) + ".0.0-0");
        }
        String lower = ">=" + major + "." + minor + "." + patch + (v.prerelease() == null ? "" : "-" + v.prerelease());
        String upper;
        if (!zeroMajor) {
            upper = increment(major) + ".0.0-0";
        } else if (!minor.equals("0")) {
            upper = major + "." + increment(minor) + ".0-0";
        } else {
            upper = major + "." + minor + "." + increment(patch) + "-0";
        }
        return lower + " <" + upper;
    }

    /**
     * {@code ~} and {@code ~>}: patch-level changes when a minor is given, minor-level otherwise.
     * Returns the token unchanged when it is not a tilde range.
     */
    static String tilde(String token) {
        Matcher matcher = RangeGrammar.matchWhole(RangeGrammar.TILDE, token, RangeGrammar.VERSION_GROUPS);
        if (matcher == null) {
            return token;
        }
        PartialVersion v = PartialVersion.from(matcher, RangeGrammar.VERSION_GROUPS);
        if (v.major() == null) {
            return "";
        }
        if (v.minor() == null) {
            return ">=" + v.major() + ".0.0 <" + increment(v.major()) + ".0.0-0";
        }
        String upper = " <" + v.major() + "." + increment(v.minor()) + ".0-0";
        if (v.patch() == null) {
            return ">=" + v.major() + "." + v.minor() + ".0" + upper;
        }
        return ">=" + v.major() + "." + v.minor() + "." + v.patch()
                + (v.prerelease() == null ? "" : "-" + v.prerelease()) + upper;
    }

    /**
     * X-ranges and partial versions, bare or behind an operator: {@code 1.2.x} and {@code 1.2}
     * mean {@code >=1.2.0 <1.3.0-0}; {@code >1.2} means above every 1.2.x; {@code <=1} means up to
     * and including every 1.x. A prerelease written after a wildcard is ignored. Returns the
     * token unchanged when it has no wildcard or is not an x-range at all.
     */
    static String xRange(String token) {
        Matcher matcher = RangeGrammar.matchWhole(RangeGrammar.X_RANGE, token, RangeGrammar.VERSION_GROUPS);
        if (matcher == null) {
            return token;
        }
        PartialVersion v = PartialVersion.from(matcher, RangeGrammar.VERSION_GROUPS);
        if (!v.anyWildcard() || v.wildcardsOutOfOrder()) {
            return token;
        }
        String operator = matcher.group("op");
        if (v.major() == null) {
            // Above or below every version is impossible; anything else is unconstrained.
            return operator.equals("<") || operator.equals(">") ? "<0.0.0-0" : "*";
        }
        boolean minorWild = v.minor() == null;
        switch (operator) {
            case "", "=" -> {
                return minorWild
                        ? ">=" + v.major() + ".0.0 <" + increment(v.major()) + ".0.0-0"
                        : ">=" + v.major() + "." + v.minor() + ".0 <" + v.major() + "." + increment(v.minor()) + ".0-0";
            }
            case ">" -> {
                return minorWild
                        ? ">=" + increment(v.major()) + ".0.0"
                        : ">=" + v.major() + "." + increment(v.minor()) + ".0";
            }
            case "<=" -> {
                return minorWild
                        ? "<" + increment(v.major()) + ".0.0-0"
                        : "<" + v.major() + "." + increment(v.minor()) + ".0-0";
            }
            case "<" -> {
                return "<" + v.major() + "." + (minorWild ? "0" : v.minor()) + ".0-0";
            }
            default -> { // ">="
                return ">=" + v.major() + "." + (minorWild ? "0" : v.minor()) + ".0";
            }
        }
    }
}
