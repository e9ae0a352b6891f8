package com.themepress.model.names;

import java.util.regex.Pattern;

/**
 * A name of one first character and a bounded run of further ones, {@code ^[first][rest]{min,max}$},
 * checked by table lookups: widget addresses are checked on every request, L1 hits included, where
 * a Matcher per check would be most of the work.
 */
final class CharRunRule implements NameRule {

    private final String regex;
    private final Pattern pattern;
    private final boolean[] first;
    private final boolean[] rest;
    private final int minLength;
    private final int maxLength;

    /** {@code first} and {@code rest} are character-class bodies of ASCII ranges and characters, such as {@code a-z0-9-}. */
    CharRunRule(String first, String rest, int minRest, int maxRest) {
        this.regex = "^[" + first + "][" + rest + "]{" + minRest + "," + maxRest + "}$";
        this.pattern = Pattern.compile(regex);
        this.first = table(first);
        this.rest = table(rest);
        this.minLength = 1 + minRest;
        this.maxLength = 1 + maxRest;
    }

    @Override
    public String regex() {
        return regex;
    }

    @Override
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public boolean matches(String value) {
        int length = value.length();
        if (length < minLength || length > maxLength || !in(first, value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            if (!in(rest, value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return regex;
    }

    private static boolean in(boolean[] table, char c) {
        return c < table.length && table[c];
    }

    private static boolean[] table(String characterClass) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < characterClass.length(); i++) {
            char from = characterClass.charAt(i);
            boolean range = i + 2 < characterClass.length() && characterClass.charAt(i + 1) == '-';
            char to = range ? characterClass.charAt(i + 2) : from;
            if (to >= table.length || from == '\\' || from == '[' || from == ']' || from == '^') {
                throw new IllegalArgumentException("Only plain ASCII ranges and characters: " + characterClass);
            }
            for (char c = from; c <= to; c++) {
                table[c] = true;
            }
            i += range ? 2 : 0;
        }
        return table;
    }
}
