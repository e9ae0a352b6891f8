package com.themepress.model.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per range feature; every row reads "range, version, does the version satisfy it".
 * Rows were chosen by hand at the edges of each feature; the oracle test covers breadth.
 */
class SemVerRangeTest {

    private static void assertSatisfies(String range, String version, boolean expected) {
        assertThat(SemVerRange.parse(range).satisfies(SemVer.parse(version)))
                .as("%s satisfies \"%s\"", version, range)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.2.3, 1.2.3, true",
            "1.2.3, 1.2.4, false",
            "1.2.3, 1.2.3+build.9, true",
            "=1.2.3, 1.2.3, true",
            "v1.2.3, 1.2.3, true",
            "1.2.3+build.1, 1.2.3, true",
            "1.2.3-beta.1, 1.2.3-beta.1, true",
            "1.2.3-beta.1, 1.2.3, false",
    })
    void bareVersionMatchesOnlyVersionsOfEqualPrecedence(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "<1.2.3, 1.2.2, true",
            "<1.2.3, 1.2.3, false",
            "<=1.2.3, 1.2.3, true",
            "<=1.2.3, 1.2.4, false",
            ">1.2.3, 1.2.4, true",
            ">1.2.3, 1.2.3, false",
            ">=1.2.3, 1.2.3, true",
            ">=1.2.3, 1.2.2, false",
            "> 1.2.3, 1.3.0, true",
            ">=   1.2.3, 1.2.3, true",
            "<3000000000.0.0, 2147483647.0.0, true",
    })
    void comparatorsBoundTheVersion(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            ">=1.2.3 <2.0.0, 1.2.3, true",
            ">=1.2.3 <2.0.0, 1.9.9, true",
            ">=1.2.3 <2.0.0, 2.0.0, false",
            ">=1.2.3 <2.0.0, 1.2.2, false",
            ">=1.2.3 <1.2.3, 1.2.3, false",
            "'>1.0.0\t  <=1.2.3', 1.2.3, true",
    })
    void spaceSeparatedComparatorsMustAllHold(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.2.3 || 2.3.4, 1.2.3, true",
            "1.2.3 || 2.3.4, 2.3.4, true",
            "1.2.3 || 2.3.4, 1.2.4, false",
            "<1.0.0 || >=2.0.0, 0.9.0, true",
            "<1.0.0 || >=2.0.0, 1.5.0, false",
            "1.2.3||>=3, 3.1.0, true",
            "1.2.3 ||, 9.9.9, true",
    })
    void unionMatchesWhenAnyAlternativeMatches(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.2.3 - 2.3.4, 1.2.3, true",
            "1.2.3 - 2.3.4, 2.3.4, true",
            "1.2.3 - 2.3.4, 2.3.5, false",
            "1.2.3 - 2.3.4, 1.2.2, false",
    })
    void hyphenRangeIncludesBothEnds(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.2.3 - 2.3, 2.3.99, true",
            "1.2.3 - 2.3, 2.4.0, false",
            "1.2.3 - 2, 2.99.99, true",
            "1.2.3 - 2, 3.0.0, false",
            "1.2.3 - 2, 3.0.0-0, false",
            "1.2 - 2.3.4, 1.2.0, true",
            "1.2 - 2.3.4, 1.1.99, false",
            "1 - 2.3.4, 1.0.0, true",
            "* - 2, 0.0.0, true",
            "1.2.3 - *, 99.0.0, true",
    })
    void hyphenRangeWithPartialEndsCoversEverythingTheEndNames(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.x, 1.0.0, true",
            "1.x, 1.99.0, true",
            "1.x, 2.0.0, false",
            "1.X, 1.5.0, true",
            "1.*, 1.5.0, true",
            "1.2.x, 1.2.9, true",
            "1.2.x, 1.3.0, false",
            "1.2.*, 1.2.0, true",
            "1.x.x, 1.4.4, true",
            "1.2.x-beta, 1.2.5, true",
    })
    void xRangeMatchesAnyValueInTheWildcardPosition(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"*", "", " ", "x", "X", "x.x.x", "*.*.*", ">=0.0.0", "||", "* || 1.0.0"})
    void anyRangeAcceptsEveryReleaseButNoPrerelease(String range) {
        SemVerRange any = SemVerRange.parse(range);

        assertThat(any.satisfies(SemVer.parse("0.0.0"))).isTrue();
        assertThat(any.satisfies(SemVer.parse("2147483647.2147483647.2147483647"))).isTrue();
        assertThat(any.satisfies(SemVer.parse("1.0.0-rc.1"))).isFalse();
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1, 1.0.0, true",
            "1, 1.9.9, true",
            "1, 2.0.0, false",
            "1.2, 1.2.0, true",
            "1.2, 1.2.99, true",
            "1.2, 1.3.0, false",
            "0, 0.9.9, true",
            "0.0, 0.1.0, false",
    })
    void partialVersionMeansEveryVersionItNames(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            ">1.x, 2.0.0, true",
            ">1.x, 1.99.0, false",
            ">1.2, 1.3.0, true",
            ">1.2, 1.2.99, false",
            ">=1.2, 1.2.0, true",
            "<1.x, 0.99.0, true",
            "<1.x, 1.0.0, false",
            "<1.2, 1.1.99, true",
            "<1.2, 1.2.0, false",
            "<=1.2, 1.2.99, true",
            "<=1.2, 1.3.0, false",
            "<=1, 1.99.0, true",
            "<=1, 2.0.0, false",
            "<=1, 2.0.0-0, false",
            ">x, 0.0.0, false",
            "<*, 0.0.0, false",
    })
    void operatorOnPartialVersionTreatsItAsTheWholeBlock(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "^1.2.3, 1.2.3, true",
            "^1.2.3, 1.9.9, true",
            "^1.2.3, 2.0.0, false",
            "^1.2.3, 1.2.2, false",
            "^1.2, 1.2.0, true",
            "^1, 1.0.0, true",
            "^1.x, 1.9.0, true",
            "^ 1.2.3, 1.3.0, true",
    })
    void caretAllowsMinorAndPatchUpdates(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "^0.2.3, 0.2.3, true",
            "^0.2.3, 0.2.9, true",
            "^0.2.3, 0.3.0, false",
            "^0.2, 0.2.0, true",
            "^0.2.x, 0.3.0, false",
            "^0.0, 0.0.9, true",
            "^0.0, 0.1.0, false",
            "^0, 0.9.9, true",
            "^0, 1.0.0, false",
    })
    void caretOnZeroMajorLocksMinor(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "^0.0.3, 0.0.3, true",
            "^0.0.3, 0.0.4, false",
            "^0.0.3, 0.0.2, false",
            "^0.0.0, 0.0.0, true",
            "^0.0.0, 0.0.1, false",
    })
    void caretOnZeroZeroLocksPatch(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "^2147483647.0.0, 2147483647.2147483647.2147483647, true",
            "~2147483647.2147483647.0, 2147483647.2147483647.2147483647, true",
    })
    void upperBoundsBeyondIntegerRangeStillWork(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "~1.2.3, 1.2.3, true",
            "~1.2.3, 1.2.9, true",
            "~1.2.3, 1.3.0, false",
            "~1.2.3, 1.2.2, false",
            "~1.2, 1.2.0, true",
            "~1.2, 1.3.0, false",
            "~0.0.3, 0.0.9, true",
            "~0.0.3, 0.1.0, false",
            "~>1.2.3, 1.2.7, true",
            "~> 1.2, 1.3.0, false",
            "~ 1.2.3, 1.2.4, true",
    })
    void tildeAllowsPatchUpdates(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "~1, 1.0.0, true",
            "~1, 1.9.9, true",
            "~1, 2.0.0, false",
            "~1.x, 1.5.0, true",
            "~>1, 1.5.0, true",
            "~0, 0.9.0, true",
    })
    void tildeWithMajorOnlyAllowsMinorUpdates(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            ">=1.2.3-beta.2 <2, 1.2.3-beta.2, true",
            ">=1.2.3-beta.2 <2, 1.2.3-beta.10, true",
            ">=1.2.3-beta.2 <2, 1.2.3-beta.1, false",
            ">=1.2.3-beta.2 <2, 1.2.3, true",
            ">=1.2.3-beta.2 <2, 1.5.0-alpha, false",
            ">=1.2.3-beta.2 <2, 1.5.0, true",
            "^1.2.3-beta.2, 1.2.3-rc.1, true",
            "^1.2.3-beta.2, 1.2.4-rc.1, false",
            "~1.2.3-beta.2, 1.2.3-beta.3, true",
            "<=2.0.0-rc.1, 2.0.0-beta, true",
            "<=2.0.0-rc.1, 1.9.0-beta, false",
            "1.2.3-beta.2 - 1.2.3-beta.10, 1.2.3-beta.5, true",
            "1.2.3 - 2.3.4-rc.1, 2.3.4-alpha, true",
            "1.2.3 - 2.3.4-rc.1, 2.3.4, false",
    })
    void prereleaseMatchesOnlyThroughAComparatorWithPrereleaseOnTheSameTuple(String range, String version,
                                                                             boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.x, 1.5.0-beta, false",
            "^1.2.3, 1.3.0-beta, false",
            ">=1.0.0, 2.0.0-alpha, false",
            "<2.0.0, 2.0.0-alpha, false",
            "1.2.3 - 2.3.4, 2.0.0-rc.1, false",
    })
    void prereleaseIsExcludedByRangesWithoutPrereleases(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource({
            "1.0.0-beta || 2.x, 1.0.0-beta, true",
            "* || 1.0.0-beta, 1.0.0-beta, false",
            ">=0.0.0 <=0.0.0-beta, 0.0.0-alpha, true",
            ">=v0.0.0 <=0.0.0-beta, 0.0.0-alpha, false",
            "<0.0.0-0 || 1.2.3, 1.2.3, true",
    })
    void npmSimplificationsChangeWhichPrereleasesMatch(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "{1} in \"{0}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.3*           | 1.2.3 | true
            1.2.3<*          | 1.2.3 | true
            ==1.2            | 1.2.5 | true
            1 - v 2          | 2.9.0 | true
            '> =1.2.3'       | 1.2.3 | true
            1.2.3+a+b        | 1.2.3 | true
            ~>=1.2           | 1.2.9 | true
            ^x.1             | 5.0.0 | true
            """)
    void acceptsNpmsLenientSpellings(String range, String version, boolean expected) {
        assertSatisfies(range, version, expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ^                         | "^" is not a valid comparator
            ~                         | "~" is not a valid comparator
            latest                    | "latest" is not a valid comparator
            '1.2.3 | 2'               | '"|" is not a valid comparator'
            1.2.3 - 2.3.4 >1          | "-" is not a valid comparator
            x.1                       | "x.1" is not a valid comparator
            1.x.3                     | "1.x.3" is not a valid comparator
            01.2.3                    | "01.2.3" is not a valid comparator
            1.2.3-01                  | "1.2.3-01" is not a valid comparator
            ==1.2.3                   | "==1.2.3" is not a valid comparator
            >=1.2.3 !=1.5.0           | "!=1.5.0" is not a valid comparator
            =1.2.3 - 2                | ">==1.2.3" (rewritten from "=1.2.3 - 2") is not a valid comparator
            >9007199254740991.x       | number 9007199254740992 in ">=9007199254740992.0.0" is larger than 9007199254740991
            >=9007199254740992.0.0    | number 9007199254740992 in ">=9007199254740992.0.0" is larger than 9007199254740991
            ^9007199254740991.0.0     | number 9007199254740992 in "<9007199254740992.0.0-0" is larger than 9007199254740991
            """)
    void rejectsInvalidRangesNamingTheBadPart(String range, String problem) {
        assertThatThrownBy(() -> SemVerRange.parse(range))
                .isInstanceOf(InvalidRangeException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid version range \"" + range + "\": " + problem)
                .satisfies(e -> assertThat(((InvalidRangeException) e).range()).isEqualTo(range));
    }

    @Test
    void rejectsNullWithAnInvalidRangeException() {
        assertThatThrownBy(() -> SemVerRange.parse(null))
                .isInstanceOf(InvalidRangeException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    void rejectsComparatorVersionsLongerThanNpmAllows() {
        String id = "a".repeat(SemVer.MAX_LENGTH - 6);
        assertThat(SemVerRange.parse(">=1.2.3-" + id).satisfies(SemVer.parse("1.2.4"))).isTrue();
        assertThatThrownBy(() -> SemVerRange.parse(">=1.2.3-" + id + "b"))
                .isInstanceOf(InvalidRangeException.class)
                .hasMessageContaining("longer than 256 characters");
    }

    /** node-semver's verdicts on the same inputs, which it also answers in milliseconds. */
    @ParameterizedTest(name = "{0} x {1}: valid={2}")
    @CsvSource({
            "'1.2.3-', '1.', 50000, '1', false",
            "'^1.x.5-', 'a.', 50000, 'a', true",
            "'1.2.3+', 'a.', 50000, 'a', true",
            "'1.2.3 - 1.2.3-', '1.', 50000, '1', false",
            "'', '=', 100000, '', false",
            "'', 'v', 100000, '1', true",
            "'', '= ', 50000, '', false",
            "'', '1.2.3 ', 20000, '', true",
            "'', '1.2.3 || ', 20000, '1', true",
            "'1.2.3-', '0', 100000, 'a', false",
            "'', '0', 100000, '', false",
            "'1.2.3 ', '- ', 50000, '', false",
    })
    void hostileLongRangesGetNpmsVerdictQuicklyAndWithoutStackOverflow(String head, String repeated, int times,
                                                                       String tail, boolean valid) {
        String range = head + repeated.repeat(times) + tail;
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            if (valid) {
                assertThat(SemVerRange.parse(range).satisfies(SemVer.parse("1.2.3"))).isTrue();
            } else {
                assertThatThrownBy(() -> SemVerRange.parse(range))
                        .isInstanceOf(InvalidRangeException.class)
                        .hasMessageContaining("... (" + range.length() + " characters)")
                        .satisfies(e -> assertThat(((InvalidRangeException) e).range()).isEqualTo(range));
            }
        });
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"^1.2.3", "  >=1.0.0   <2  ", "1.2.3 - 2", "", "*", "~1 || 2.x"})
    void toStringReturnsTheOriginalText(String text) {
        assertThat(SemVerRange.parse(text)).hasToString(text);
    }

    @Test
    void rangesAreEqualWhenTheirTextIs() {
        assertThat(SemVerRange.parse("^1.2.3"))
                .isEqualTo(SemVerRange.parse("^1.2.3"))
                .hasSameHashCodeAs(SemVerRange.parse("^1.2.3"))
                .isNotEqualTo(SemVerRange.parse(">=1.2.3 <2.0.0-0"));
    }

    @Test
    void maxSatisfyingPicksTheHighestVersionInTheRange() {
        List<SemVer> versions = versions("1.2.3", "1.9.0", "2.0.0", "1.10.0-beta", "1.4.0", "0.9.0");

        assertThat(SemVerRange.parse("^1.2.3").maxSatisfying(versions)).contains(SemVer.parse("1.9.0"));
        assertThat(SemVerRange.parse(">=1.10.0-beta <2").maxSatisfying(versions)).contains(SemVer.parse("1.10.0-beta"));
        assertThat(SemVerRange.parse("*").maxSatisfying(versions)).contains(SemVer.parse("2.0.0"));
    }

    @Test
    void maxSatisfyingIsEmptyWhenNothingMatches() {
        assertThat(SemVerRange.parse("^3").maxSatisfying(versions("1.0.0", "2.0.0", "3.0.0-rc.1"))).isEmpty();
        assertThat(SemVerRange.parse("*").maxSatisfying(List.of())).isEmpty();
    }

    @Test
    void maxSatisfyingKeepsTheFirstOfVersionsWithEqualPrecedence() {
        List<SemVer> versions = versions("1.0.0+first", "1.0.0+second", "0.1.0");

        assertThat(SemVerRange.parse("1.x").maxSatisfying(versions)).contains(SemVer.parse("1.0.0+first"));
    }

    private static List<SemVer> versions(String... texts) {
        return java.util.Arrays.stream(texts).map(SemVer::parse).toList();
    }
}
