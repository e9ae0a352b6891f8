package com.themepress.model.semver;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads range text the way node-semver 7 does with loose mode and includePrerelease off.
 *
 * <p>npm defines its syntax as a sequence of text rewrites rather than a grammar, and several
 * accepted oddities ({@code 1.2.3*}, {@code ==1.2}, {@code 1 - v 2}) exist only because of the
 * order of those rewrites. This class therefore keeps the same stages in the same order, so that
 * any text gets npm's verdict:
 * <ol>
 *   <li>collapse whitespace, split on {@code ||}, and delete build metadata;</li>
 *   <li>rewrite a set that is exactly {@code A - B};</li>
 *   <li>glue operators, {@code ~} and {@code ^} to the version that follows them;</li>
 *   <li>per space-separated token, rewrite caret, then tilde, then x-range shorthand, then drop
 *       the first star;</li>
 *   <li>read each resulting word as a primitive comparator.</li>
 * </ol>
 */
final class RangeParser {

    private static final Pattern SPACES = Pattern.compile(" +");

    private final String original;

    private RangeParser(String original) {
        this.original = original;
    }

    static List<ComparatorSet> parse(String text) {
        if (text == null) {
            throw new InvalidRangeException("null", "range must not be null");
        }
        return new RangeParser(text).parse();
    }

    private List<ComparatorSet> parse() {
        List<ComparatorSet> sets = new ArrayList<>();
        for (String alternative : JsWhitespace.collapse(original).split("\\|\\|", -1)) {
            sets.add(parseSet(JsWhitespace.trimSpaces(alternative)));
        }
        return simplify(sets);
    }

    /**
     * npm drops alternatives that can never match, and when one alternative is plain "any" it
     * becomes the whole range. The latter is not a no-op: {@code * || 1.0.0-beta} then no longer
     * admits 1.0.0-beta, since "any" never admits prereleases.
     */
    private static List<ComparatorSet> simplify(List<ComparatorSet> sets) {
        if (sets.size() == 1) {
            return sets;
        }
        List<ComparatorSet> satisfiable = sets.stream().filter(set -> !set.isUnsatisfiable()).toList();
        if (satisfiable.isEmpty()) {
            return List.of(sets.get(0));
        }
        return satisfiable.stream().filter(ComparatorSet::isAny).findFirst()
                .map(List::of)
                .orElse(satisfiable);
    }

    private ComparatorSet parseSet(String alternative) {
        String text = stripBuildMetadata(alternative);
        Matcher hyphen = RangeGrammar.matchWhole(RangeGrammar.HYPHEN, text,
                RangeGrammar.FROM_GROUPS, RangeGrammar.TO_GROUPS);
        if (hyphen != null) {
            text = Shorthand.hyphen(hyphen);
        }
        text = OperatorGap.close(text);
        text = RangeGrammar.TILDE_GAP.matcher(text).replaceAll("~");
        text = RangeGrammar.CARET_GAP.matcher(text).replaceAll("^");

        StringBuilder rewritten = new StringBuilder();
        for (String token : text.split(" ", -1)) {
            if (!rewritten.isEmpty()) {
                rewritten.append(' ');
            }
            rewritten.append(rewriteToken(token));
        }

        // All words are read before any shortcut, so an invalid word fails the range even next to
        // an unsatisfiable one.
        List<RangeComparator> comparators = new ArrayList<>();
        for (String word : SPACES.split(rewritten, -1)) {
            comparators.add(readComparator(word, alternative));
        }
        for (RangeComparator comparator : comparators) {
            if (comparator.isUnsatisfiable()) {
                return new ComparatorSet(List.of(comparator));
            }
        }
        Set<RangeComparator> distinct = new LinkedHashSet<>(comparators);
        if (distinct.size() > 1) {
            distinct.remove(RangeComparator.ANY);
        }
        return new ComparatorSet(List.copyOf(distinct));
    }

    /**
     * Deletes every '+' followed by dot-separated identifiers, wherever it stands, so that build
     * metadata never reaches the comparators (npm ignores it in ranges).
     */
    private static String stripBuildMetadata(String text) {
        if (text.indexOf('+') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = CharRuns.buildEnd(text, i, Integer.MAX_VALUE);
            if (end > i) {
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String rewriteToken(String token) {
        String text = eachWord(token, Shorthand::caret);
        text = eachWord(text, Shorthand::tilde);
        text = eachWord(text, Shorthand::xRange);
        return RangeGrammar.STAR.matcher(JsWhitespace.trimSpaces(text)).replaceFirst("");
    }

    private static String eachWord(String text, UnaryOperator<String> rewrite) {
        StringBuilder out = new StringBuilder();
        for (String word : SPACES.split(JsWhitespace.trimSpaces(text), -1)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(rewrite.apply(word));
        }
        return out.toString();
    }

    private RangeComparator readComparator(String word, String alternative) {
        // npm treats a comparator spelled exactly ">=0.0.0" like "*"; spellings such as
        // ">=v0.0.0" stay real comparators, which matters because "*" is skipped when looking
        // for a comparator that admits prereleases.
        if (word.isEmpty() || word.equals(">=0.0.0")) {
            return RangeComparator.ANY;
        }
        Matcher matcher = RangeGrammar.COMPARATOR.matcher(word);
        if (!matcher.matches() || !RangeGrammar.validPrerelease(matcher.group("pre"))
                || !RangeGrammar.validBuild(matcher.group("build"))) {
            throw invalid("\"" + word + "\"" + origin(word, alternative) + " is not a valid comparator");
        }
        String version = matcher.group("version");
        if (version.length() > SemVer.MAX_LENGTH) {
            throw invalid("version \"" + version + "\" is longer than " + SemVer.MAX_LENGTH + " characters");
        }
        String pre = matcher.group("pre");
        RangeVersion bound = new RangeVersion(
                component(matcher.group("major"), word),
                component(matcher.group("minor"), word),
                component(matcher.group("patch"), word),
                pre == null ? List.of() : List.of(pre.split("\\.")));
        return new RangeComparator(Operator.fromSymbol(matcher.group("op")), bound);
    }

    private long component(String digits, String word) {
        if (new BigInteger(digits).compareTo(BigInteger.valueOf(RangeVersion.MAX_COMPONENT)) > 0) {
            throw invalid("number " + digits + " in \"" + word + "\" is larger than " + RangeVersion.MAX_COMPONENT);
        }
        return Long.parseLong(digits);
    }

    /** Points at the text the user wrote when the bad word was produced by a rewrite. */
    private static String origin(String word, String alternative) {
        return alternative.contains(word) ? "" : " (rewritten from \"" + alternative + "\")";
    }

    private InvalidRangeException invalid(String problem) {
        return new InvalidRangeException(original, problem);
    }
}
