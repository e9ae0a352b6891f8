package com.themepress.model.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            0.0.0                       | 0          | 0          | 0          |                      |
            1.2.3                       | 1          | 2          | 3          |                      |
            10.20.30                    | 10         | 20         | 30         |                      |
            1.0.0-alpha                 | 1          | 0          | 0          | alpha                |
            1.0.0-alpha.1               | 1          | 0          | 0          | alpha.1              |
            1.0.0-0.3.7                 | 1          | 0          | 0          | 0.3.7                |
            1.0.0-x.7.z.92              | 1          | 0          | 0          | x.7.z.92             |
            1.0.0-x-y-z.--              | 1          | 0          | 0          | x-y-z.--             |
            1.0.0-0abc                  | 1          | 0          | 0          | 0abc                 |
            1.0.0+20130313144700        | 1          | 0          | 0          |                      | 20130313144700
            1.0.0-beta+exp.sha.5114f85  | 1          | 0          | 0          | beta                 | exp.sha.5114f85
            1.0.0+21AF26D3----117B344092BD | 1       | 0          | 0          |                      | 21AF26D3----117B344092BD
            1.0.0+001                   | 1          | 0          | 0          |                      | 001
            2147483647.2147483647.2147483647 | 2147483647 | 2147483647 | 2147483647 |             |
            """)
    void parsesEveryPartOfAStrictVersion(String text, int major, int minor, int patch, String prerelease, String build) {
        SemVer version = SemVer.parse(text);

        assertThat(version.major()).isEqualTo(major);
        assertThat(version.minor()).isEqualTo(minor);
        assertThat(version.patch()).isEqualTo(patch);
        assertThat(version.prerelease()).isEqualTo(prerelease == null ? List.of() : List.of(prerelease.split("\\.")));
        assertThat(version.build()).isEqualTo(build == null ? "" : build);
        assertThat(version.toString()).isEqualTo(text);
        assertThat(SemVer.parse(version.toString())).isEqualTo(version);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                  | version is empty
            v1.2.3              | must not start with 'v'; write 1.2.3 instead
            =1.2.3              | must not start with '='
            ' 1.2.3'            | contains whitespace at index 0
            '1.2.3 '            | contains whitespace at index 5
            1.2.3_beta          | contains '_' at index 5
            1.2                 | expected MAJOR.MINOR.PATCH but the core "1.2" has 2 parts
            1                   | the core "1" has 1 part
            1.2.3.4             | has 4 parts
            1..3                | minor version is empty
            .2.3                | major version is empty
            a.2.3               | major version "a" is not a number
            1.2.x               | patch version "x" is not a number
            01.2.3              | major version "01" has a leading zero
            1.02.3              | minor version "02" has a leading zero
            1.2.00              | patch version "00" has a leading zero
            2147483648.0.0      | major version 2147483648 is larger than 2147483647
            1.99999999999.0     | minor version 99999999999 is larger than 2147483647
            1.2.3-              | prerelease after '-' is empty
            1.2.3-alpha..1      | a prerelease identifier is empty
            1.2.3-alpha.        | a prerelease identifier is empty
            1.2.3-01            | numeric prerelease identifier "01" has a leading zero
            1.2.3-beta.007      | numeric prerelease identifier "007" has a leading zero
            1.2.3+              | build metadata after '+' is empty
            1.2.3+a..b          | a build identifier is empty
            1.2.3+a+b           | contains more than one '+'
            1.2.3-+a            | prerelease after '-' is empty
            """)
    void rejectsTextThatIsNotStrictSemVerSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(InvalidVersionException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid version \"" + text + "\": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidVersionException) e).version()).isEqualTo(text));
    }

    @Test
    void rejectsNullWithAnInvalidVersionException() {
        assertThatThrownBy(() -> SemVer.parse(null))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    void rejectsVersionsLongerThanNpmAllows() {
        String longest = "1.2.3-" + "a".repeat(SemVer.MAX_LENGTH - 6);
        assertThat(SemVer.parse(longest).toString()).hasSize(SemVer.MAX_LENGTH);
        assertThatThrownBy(() -> SemVer.parse(longest + "b"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("longer than 256 characters");
    }

    @Test
    void constructorValidatesComponentsLikeParse() {
        assertThatThrownBy(() -> new SemVer(-1, 0, 0, List.of(), ""))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of("01"), ""))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of("a b"), ""))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("contains ' '");
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of(), "a..b"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("build identifier is empty");
        assertThatThrownBy(() -> new SemVer(1, 0, 0, null, ""))
                .isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of(), null))
                .isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void prereleaseListCannotBeModifiedThroughTheRecord() {
        List<String> identifiers = new ArrayList<>(List.of("beta", "1"));
        SemVer version = new SemVer(1, 0, 0, identifiers, "");
        identifiers.add("2");

        assertThat(version.prerelease()).containsExactly("beta", "1");
        assertThatThrownBy(() -> version.prerelease().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Each version ranks strictly below the next. */
    @Test
    void sortsByPrecedence() {
        List<String> ascending = List.of(
                "0.0.0-0", "0.0.0", "0.0.1", "0.1.0", "0.9.0", "0.10.0", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10",
                "1.0.0-99999999999999999999", "1.0.0-100000000000000000000", "1.0.0-a", "1.0.0-alpha", "1.0.0-alpha.0",
                "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
                "1.0.0-rc.1.0", "1.0.0", "1.0.1-Z", "1.0.1-a", "1.0.1", "1.2.3", "1.10.0", "2.0.0", "10.0.0",
                "2147483647.0.0");
        List<SemVer> shuffled = new ArrayList<>(ascending.stream().map(SemVer::parse).toList());
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);

        assertThat(shuffled).extracting(SemVer::toString).containsExactlyElementsOf(ascending);
        for (int i = 0; i + 1 < ascending.size(); i++) {
            SemVer lower = SemVer.parse(ascending.get(i));
            SemVer higher = SemVer.parse(ascending.get(i + 1));
            assertThat(lower.compareTo(higher)).as("%s < %s", lower, higher).isNegative();
            assertThat(higher.compareTo(lower)).as("%s > %s", higher, lower).isPositive();
        }
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "1.0.0-2, 1.0.0-10",
            "1.0.0-alpha.2, 1.0.0-alpha.10",
            "1.0.0-9, 1.0.0-a",
            "1.0.0-999, 1.0.0-0a",
            "1.0.0-alpha, 1.0.0-alpha.0",
            "1.0.0-rc.1, 1.0.0",
            "1.9.9, 1.10.0",
    })
    void numericIdentifiersCompareByValueAndBelowAlphanumericOnes(String lower, String higher) {
        assertThat(SemVer.parse(lower)).isLessThan(SemVer.parse(higher));
    }

    @Test
    void buildMetadataIsIgnoredForPrecedenceButNotForEquals() {
        SemVer a = SemVer.parse("1.0.0+a");
        SemVer b = SemVer.parse("1.0.0+b");

        assertThat(a.compareTo(b)).isZero();
        assertThat(a.precedenceEquals(b)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isEqualTo(SemVer.parse("1.0.0+a")).hasSameHashCodeAs(SemVer.parse("1.0.0+a"));
        // A sorted set keeps only one of them: the documented consequence of the mismatch.
        assertThat(new TreeSet<>(List.of(a, b))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0-0", "1.0.0-alpha", "0.0.1-x.y+z"})
    void versionsWithIdentifiersAfterADashArePrereleases(String text) {
        assertThat(SemVer.parse(text).isPrerelease()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "0.0.0", "1.0.0+build-1"})
    void versionsWithoutADashAreReleases(String text) {
        assertThat(SemVer.parse(text).isPrerelease()).isFalse();
    }

    @Test
    void ofBuildsAPlainRelease() {
        assertThat(SemVer.of(1, 2, 3)).isEqualTo(SemVer.parse("1.2.3"));
    }
}
