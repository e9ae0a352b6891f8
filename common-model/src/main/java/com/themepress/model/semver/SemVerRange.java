package com.themepress.model.semver;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A version range with exactly npm's (node-semver 7) meaning, loose mode and includePrerelease
 * off: comparators ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code =}), bare and partial
 * versions, {@code ||} unions, space-separated intersections, hyphen ranges, x-ranges,
 * {@code ^}, {@code ~} and {@code ~>}.
 *
 * <p>A prerelease version satisfies a range only through an alternative that contains a
 * comparator with a prerelease on the same major.minor.patch: {@code >=1.2.3-beta.1 <2} admits
 * 1.2.3-beta.2 but not 1.5.0-alpha.
 *
 * <p>Instances are immutable. Equality is by the original text.
 */
public final class SemVerRange {

    private final String text;
    private final List<ComparatorSet> alternatives;

    private SemVerRange(String text, List<ComparatorSet> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * @throws InvalidRangeException when npm would reject the range (semver.validRange returns
     *                               null), naming the offending part
     */
    public static SemVerRange parse(String text) {
        return new SemVerRange(text, RangeParser.parse(text));
    }

    public boolean satisfies(SemVer version) {
        for (ComparatorSet alternative : alternatives) {
            if (alternative.test(version)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The highest version in the range. Among versions of equal precedence (differing only in
     * build metadata) the first one met wins, as in npm.
     */
    public Optional<SemVer> maxSatisfying(Collection<SemVer> versions) {
        SemVer best = null;
        for (SemVer version : versions) {
            if (satisfies(version) && (best == null || best.compareTo(version) < 0)) {
                best = version;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The text this range was parsed from, unchanged. */
    @Override
    public String toString() {
        return text;
    }

    /** The primitive comparators the range reduces to, in npm's notation; for diagnostics. */
    String desugared() {
        StringBuilder out = new StringBuilder();
        for (ComparatorSet alternative : alternatives) {
            if (!out.isEmpty()) {
                out.append("||");
            }
            out.append(alternative);
        }
        return out.isEmpty() ? "*" : out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SemVerRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
