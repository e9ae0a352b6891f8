package com.themepress.model.semver;

/**
 * Thrown when text is not a range that node-semver would accept.
 */
public class InvalidRangeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String range;

    public InvalidRangeException(String range, String problem) {
        super("Invalid version range \"" + Abbreviation.of(range) + "\": " + Abbreviation.of(problem));
        this.range = range;
    }

    /** The rejected input, so that callers can report it without parsing the message. */
    public String range() {
        return range;
    }
}
