package com.themepress.model.names;

import java.util.regex.Pattern;

/** A name rule that needs a real regular expression (dot-separated segments). */
final class RegexRule implements NameRule {

    private final Pattern pattern;

    RegexRule(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    @Override
    public String regex() {
        return pattern.pattern();
    }

    @Override
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public boolean matches(String value) {
        return pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return regex();
    }
}
