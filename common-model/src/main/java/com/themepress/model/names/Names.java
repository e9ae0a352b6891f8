package com.themepress.model.names;

/**
 * The platform's name rules, each defined once. Where the manifest schema
 * ({@code schemas/addon-manifest.schema.json}) has the name, the rule is the schema's pattern, and a
 * test keeps the two equal; every service checks names with these, so that what registers can also
 * be addressed.
 */
public final class Names {

    private static final String LOWER_SLUG_FIRST = "a-z";
    private static final String LOWER_SLUG_REST = "a-z0-9-";
    private static final String SEGMENT = "[a-z][a-z0-9-]*";

    /** An addon's name: the manifest's {@code name}; also an event's source and a deployment's name. At least two characters. */
    public static final NameRule ADDON = new CharRunRule(LOWER_SLUG_FIRST, LOWER_SLUG_REST, 1, 62);

    /** A widget's name: the manifest schema's {@code slug}, so one character is enough. */
    public static final NameRule WIDGET = new CharRunRule(LOWER_SLUG_FIRST, LOWER_SLUG_REST, 0, 62);

    /** An endpoint's name: the manifest schema's {@code slug}, as for widgets. */
    public static final NameRule ENDPOINT = WIDGET;

    /** A published event's type: dot-separated segments, such as {@code payment.completed}. */
    public static final NameRule EVENT_TYPE = new RegexRule("^" + SEGMENT + "(\\." + SEGMENT + ")*$");

    /**
     * An event type pattern (a manifest's {@code publishes} and {@code subscribes}, the event log's
     * type filter): an event type in which a whole segment may be {@code *}.
     */
    public static final NameRule EVENT_PATTERN = new RegexRule("^(" + SEGMENT + "|\\*)(\\.(" + SEGMENT + "|\\*))*$");

    /** A site's id in a widget address and in saved widget configs. */
    public static final NameRule SITE = new CharRunRule("A-Za-z0-9", "A-Za-z0-9._-", 0, 63);

    private Names() {
    }
}
