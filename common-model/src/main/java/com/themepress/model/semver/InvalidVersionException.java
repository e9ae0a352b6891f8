package com.themepress.model.semver;

/**
 * Thrown when text is not a strict SemVer 2.0.0 version, or when version components are invalid.
 */
public class InvalidVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String version;

    public InvalidVersionException(String version, String problem) {
        super("Invalid version \"" + Abbreviation.of(version) + "\": " + Abbreviation.of(problem));
        this.version = version;
    }

    /** The rejected input, so that callers can report it without parsing the message. */
    public String version() {
        return version;
    }
}
