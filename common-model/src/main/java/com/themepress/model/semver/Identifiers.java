package com.themepress.model.semver;

import java.util.List;

/**
 * Rules for the dot-separated identifiers of prerelease and build metadata, and the
 * precedence order shared by {@link SemVer} and the bounds inside a range.
 */
final class Identifiers {

    private Identifiers() {
    }

    static boolean isNumeric(String identifier) {
        if (identifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            if (!isDigit(identifier.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierChar(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }

    /** Returns what is wrong with a prerelease identifier, or {@code null} when it is valid. */
    static String prereleaseProblem(String identifier) {
        String problem = characterProblem("prerelease", identifier);
        if (problem == null && identifier.length() > 1 && identifier.charAt(0) == '0' && isNumeric(identifier)) {
            return "numeric prerelease identifier \"" + identifier + "\" has a leading zero";
        }
        return problem;
    }

    /** Returns what is wrong with a build identifier, or {@code null} when it is valid. */
    static String buildProblem(String identifier) {
        return characterProblem("build", identifier);
    }

    private static String characterProblem(String kind, String identifier) {
        if (identifier.isEmpty()) {
            return "a " + kind + " identifier is empty";
        }
        for (int i = 0; i < identifier.length(); i++) {
            if (!isIdentifierChar(identifier.charAt(i))) {
                return kind + " identifier \"" + identifier + "\" contains '" + identifier.charAt(i)
                        + "'; only [0-9A-Za-z-] are allowed";
            }
        }
        return null;
    }

    /**
     * SemVer precedence of two identifiers: numeric ones compare by value and sort before
     * alphanumeric ones, which compare in ASCII order.
     */
    static int compare(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric && bNumeric) {
            // Leading zeros are never valid, so the longer number is the larger one; this keeps
            // identifiers beyond the range of long exact instead of rounding them.
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : Integer.signum(a.compareTo(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    /** A version without prerelease ranks above one with it; otherwise the first differing identifier decides, and a prefix ranks lower. */
    static int comparePrerelease(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int result = compare(a.get(i), b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int comparePrecedence(long aMajor, long aMinor, long aPatch, List<String> aPrerelease,
                                 long bMajor, long bMinor, long bPatch, List<String> bPrerelease) {
        int result = Long.compare(aMajor, bMajor);
        if (result == 0) {
            result = Long.compare(aMinor, bMinor);
        }
        if (result == 0) {
            result = Long.compare(aPatch, bPatch);
        }
        return result != 0 ? result : comparePrerelease(aPrerelease, bPrerelease);
    }
}
