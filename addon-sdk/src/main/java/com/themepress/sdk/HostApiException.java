package com.themepress.sdk;

/**
 * The host API refused or failed: {@code problem()} is its problem+json (403 {@code permission-denied}
 * names the permission in the detail, 412/409 a version conflict, 413/429 a quota).
 */
public final class HostApiException extends ProblemException {

    public HostApiException(Problem problem) {
        super(problem);
    }

    /** The document changed since it was read (412), or another write raced this one (409): read and retry. */
    public boolean conflict() {
        return problem().status() == 412 || problem().status() == 409;
    }
}
