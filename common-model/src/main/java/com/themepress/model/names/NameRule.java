package com.themepress.model.names;

import java.util.regex.Pattern;

/**
 * A rule a name must follow, written once: the regular expression that documents it (and that the
 * manifest schema carries, where the schema has the name) and a check of exactly what it matches.
 */
public sealed interface NameRule permits CharRunRule, RegexRule {

    /** The anchored regular expression, as error messages and the manifest schema show it. */
    String regex();

    /** The compiled {@link #regex()}, for APIs that take a Pattern. */
    Pattern pattern();

    boolean matches(String value);
}
