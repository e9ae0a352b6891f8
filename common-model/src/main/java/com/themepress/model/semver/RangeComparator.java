package com.themepress.model.semver;

/**
 * One primitive condition such as {@code >=1.2.3}, or {@link #ANY} which every version meets
 * (npm's empty comparator, what {@code *} and {@code ""} reduce to).
 *
 * @param operator the relation, null only for {@link #ANY}
 * @param bound    the version compared against, null only for {@link #ANY}
 */
record RangeComparator(Operator operator, RangeVersion bound) {

    static final RangeComparator ANY = new RangeComparator(null, null);

    RangeComparator {
        if ((operator == null) != (bound == null)) {
            throw new IllegalArgumentException("operator and bound must both be present or both absent");
        }
    }

    boolean isAny() {
        return bound == null;
    }

    /** {@code <0.0.0-0}: nothing is lower than 0.0.0-0, so no version can satisfy it. */
    boolean isUnsatisfiable() {
        return operator == Operator.LESS && RangeVersion.ZERO_PRERELEASE_ZERO.equals(bound);
    }

    /** True if the version meets the relation; the prerelease rule is applied by the enclosing set. */
    boolean test(SemVer version) {
        return isAny() || operator.accepts(bound.compareVersion(version));
    }

    /** Whether this comparator lets prereleases of {@code version}'s major.minor.patch through. */
    boolean admitsPrereleaseOf(SemVer version) {
        return !isAny() && !bound.prerelease().isEmpty() && bound.sameMajorMinorPatch(version);
    }

    @Override
    public String toString() {
        return isAny() ? "" : operator.symbol() + bound;
    }
}
