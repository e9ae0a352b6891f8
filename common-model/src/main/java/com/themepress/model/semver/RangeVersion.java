package com.themepress.model.semver;

import java.util.List;

/**
 * The version a comparator compares against. Unlike {@link SemVer} its numbers are long: npm
 * accepts bounds up to 2^53-1 (JavaScript's largest exact integer), and a range such as
 * {@code ^2147483647} has an upper bound no int can hold.
 */
record RangeVersion(long major, long minor, long patch, List<String> prerelease) {

    /** Number.MAX_SAFE_INTEGER, the largest component node-semver accepts. */
    static final long MAX_COMPONENT = 9_007_199_254_740_991L;

    static final RangeVersion ZERO_PRERELEASE_ZERO = new RangeVersion(0, 0, 0, List.of("0"));

    RangeVersion {
        prerelease = List.copyOf(prerelease);
    }

    /** Negative, zero or positive as {@code version} is below, at or above this bound. */
    int compareVersion(SemVer version) {
        return Identifiers.comparePrecedence(version.major(), version.minor(), version.patch(),
                version.prerelease(), major, minor, patch, prerelease);
    }

    boolean sameMajorMinorPatch(SemVer version) {
        return major == version.major() && minor == version.minor() && patch == version.patch();
    }

    @Override
    public String toString() {
        String core = major + "." + minor + "." + patch;
        return prerelease.isEmpty() ? core : core + "-" + String.join(".", prerelease);
    }
}
