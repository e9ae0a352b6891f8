package com.themepress.model.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays what node-semver itself answered (see the header of the data file for how it was
 * produced) and requires the same answer for every row.
 */
class NodeSemverOracleTest {

    private static final String ORACLE = "/semver/node-semver-oracle.tsv";

    /** One data row: kind is valid, invalid, satisfies or max. */
    record Row(int line, String kind, String range, String version, String expected) {

        @Override
        public String toString() {
            String shown = range.isEmpty() ? "<empty>" : range.replace("\t", "\\t").replace("\n", "\\n");
            return switch (kind) {
                case "satisfies" -> "line " + line + ": " + version + " in \"" + shown + "\" is " + expected;
                case "max" -> "line " + line + ": max in \"" + shown + "\" is " + expected;
                case "valid" -> "line " + line + ": \"" + shown + "\" means " + expected;
                default -> "line " + line + ": \"" + shown + "\" is invalid";
            };
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static List<SemVer> pool = List.of();

    static {
        try (InputStream in = NodeSemverOracleTest.class.getResourceAsStream(ORACLE)) {
            if (in == null) {
                throw new IllegalStateException(ORACLE + " is missing from the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 4) {
                    throw new IllegalStateException(ORACLE + ":" + number + " does not have 4 columns");
                }
                if (fields[0].equals("pool")) {
                    pool = Arrays.stream(fields[3].split(" ")).map(SemVer::parse).toList();
                } else {
                    ROWS.add(new Row(number, fields[0], unescape(fields[1]), fields[2], fields[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> rows() {
        return ROWS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void agreesWithNodeSemver(Row row) {
        switch (row.kind()) {
            case "invalid" -> assertThatThrownBy(() -> SemVerRange.parse(row.range()))
                    .isInstanceOf(InvalidRangeException.class);
            case "valid" -> assertThat(SemVerRange.parse(row.range()).desugared()).isEqualTo(row.expected());
            case "satisfies" -> assertThat(SemVerRange.parse(row.range()).satisfies(SemVer.parse(row.version())))
                    .isEqualTo(Boolean.parseBoolean(row.expected()));
            case "max" -> assertThat(SemVerRange.parse(row.range()).maxSatisfying(pool)
                    .map(SemVer::toString).orElse("-")).isEqualTo(row.expected());
            default -> throw new IllegalStateException("unknown row kind " + row.kind());
        }
    }

    /** Guards against a truncated or mis-read data file silently shrinking the check. */
    @Test
    void oracleCoversThousandsOfRows() {
        assertThat(ROWS).hasSizeGreaterThan(5000);
        assertThat(ROWS).filteredOn(row -> row.kind().equals("invalid")).hasSizeGreaterThan(50);
        assertThat(ROWS).filteredOn(row -> row.expected().equals("true")).hasSizeGreaterThan(1000);
        assertThat(pool).hasSizeGreaterThan(40);
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = text.charAt(++i);
            switch (escape) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalStateException("unknown escape \\" + escape + " in " + text);
            }
        }
        return out.toString();
    }
}
