package com.themepress.sdk;

/**
 * Thrown from any handler (or code it calls) to answer with a problem instead of a result. Handy
 * for validation deep in helper methods; the SDK turns it into the problem's status and body.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false); // a refusal, not a bug: no stack trace to fill
        this.problem = problem;
    }

    /** A problem whose type and title follow from the status, e.g. {@code new ProblemException(400, "amount must be positive")}. */
    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail));
    }

    public Problem problem() {
        return problem;
    }
}
