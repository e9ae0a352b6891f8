package com.themepress.model.semver;

import java.util.List;

/** Comparators that must all hold: one alternative between the {@code ||} of a range. */
record ComparatorSet(List<RangeComparator> comparators) {

    ComparatorSet {
        comparators = List.copyOf(comparators);
    }

    /**
     * Every comparator must hold and, for a prerelease, one comparator must carry a prerelease on
     * the same major.minor.patch: users who write {@code >=1.2.3-beta.2} opted into 1.2.3's
     * prereleases, not into every unstable build below the upper bound (such as 1.4.0-alpha).
     */
    boolean test(SemVer version) {
        for (RangeComparator comparator : comparators) {
            if (!comparator.test(version)) {
                return false;
            }
        }
        if (!version.isPrerelease()) {
            return true;
        }
        for (RangeComparator comparator : comparators) {
            if (comparator.admitsPrereleaseOf(version)) {
                return true;
            }
        }
        return false;
    }

    boolean isUnsatisfiable() {
        return comparators.get(0).isUnsatisfiable();
    }

    boolean isAny() {
        return comparators.size() == 1 && comparators.get(0).isAny();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (RangeComparator comparator : comparators) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(comparator);
        }
        return text.toString();
    }
}
