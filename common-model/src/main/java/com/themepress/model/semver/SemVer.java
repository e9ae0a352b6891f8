package com.themepress.model.semver;

import java.util.List;

/**
 * A Semantic Versioning 2.0.0 version such as {@code 1.4.0-beta.2+exp.sha.5114f85}.
 *
 * <p>{@link #compareTo} orders by SemVer precedence, which ignores build metadata, exactly as
 * node-semver does. The record's {@link #equals} is generated and therefore compares the build
 * too: {@code 1.0.0+a} and {@code 1.0.0+b} compare as 0 but are not equal. Use
 * {@link #precedenceEquals} when "same release" is meant, and do not put versions that differ
 * only in build into a {@code TreeSet} expecting both to survive.
 *
 * @param major      major version, 0 or more
 * @param minor      minor version, 0 or more
 * @param patch      patch version, 0 or more
 * @param prerelease prerelease identifiers, empty for a release; numeric ones are kept as text so
 *                   that arbitrarily large ones compare exactly
 * @param build      build metadata without the leading '+', empty when there is none
 */
public record SemVer(int major, int minor, int patch, List<String> prerelease, String build)
        implements Comparable<SemVer> {

    /** node-semver refuses longer version strings; refusing them too keeps parse and toString symmetrical with it. */
    static final int MAX_LENGTH = 256;

    public SemVer {
        if (prerelease == null || build == null) {
            throw new InvalidVersionException(major + "." + minor + "." + patch,
                    "prerelease and build must not be null; use List.of() and \"\" for none");
        }
        prerelease = List.copyOf(prerelease);
        String text = format(major, minor, patch, prerelease, build);
        if (major < 0 || minor < 0 || patch < 0) {
            throw new InvalidVersionException(text, "major, minor and patch must not be negative");
        }
        for (String identifier : prerelease) {
            String problem = Identifiers.prereleaseProblem(identifier);
            if (problem != null) {
                throw new InvalidVersionException(text, problem);
            }
        }
        if (!build.isEmpty()) {
            for (String identifier : build.split("\\.", -1)) {
                String problem = Identifiers.buildProblem(identifier);
                if (problem != null) {
                    throw new InvalidVersionException(text, problem);
                }
            }
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException(text, "longer than " + MAX_LENGTH + " characters");
        }
    }

    /** A release version without prerelease or build. */
    public static SemVer of(int major, int minor, int patch) {
        return new SemVer(major, minor, patch, List.of(), "");
    }

    /**
     * Parses strict SemVer 2.0.0 text: no leading 'v' or '=', no surrounding whitespace, no
     * leading zeros in numeric identifiers, and major, minor and patch at most
     * {@link Integer#MAX_VALUE}.
     *
     * @throws InvalidVersionException naming what is wrong
     */
    public static SemVer parse(String text) {
        return VersionParser.parse(text);
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** True when both have the same precedence, that is when they differ at most in build metadata. */
    public boolean precedenceEquals(SemVer other) {
        return compareTo(other) == 0;
    }

    @Override
    public int compareTo(SemVer other) {
        return Identifiers.comparePrecedence(major, minor, patch, prerelease,
                other.major, other.minor, other.patch, other.prerelease);
    }

    /** The canonical text, build metadata included; {@code parse(v.toString())} equals {@code v}. */
    @Override
    public String toString() {
        return format(major, minor, patch, prerelease, build);
    }

    private static String format(int major, int minor, int patch, List<String> prerelease, String build) {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!prerelease.isEmpty()) {
            text.append('-').append(String.join(".", prerelease));
        }
        if (!build.isEmpty()) {
            text.append('+').append(build);
        }
        return text.toString();
    }
}
