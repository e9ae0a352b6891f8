package com.themepress.model.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Regular expressions of addon schemas ({@code pattern}, {@code patternProperties}, {@code format: regex})
 * on RE2/J, whose matching time is linear in the input. The JDK's backtracking engine takes seconds on
 * {@code ^(a+)+$} against thirty characters, and widget configs and execute inputs are checked on
 * anonymous requests. RE2/J has no backreferences or lookaround; registration refuses such patterns
 * with their pointer ({@link SchemaPatterns}).
 */
public final class LinearRegex implements RegularExpressionFactory {

    public static final LinearRegex INSTANCE = new LinearRegex();

    private LinearRegex() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = compile(regex);
        // JSON Schema patterns are not anchored: a match anywhere in the value counts.
        return value -> pattern.matcher(value).find();
    }

    /** The compiled pattern, or an {@link IllegalArgumentException} saying why RE2/J cannot take it. */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
    }
}
