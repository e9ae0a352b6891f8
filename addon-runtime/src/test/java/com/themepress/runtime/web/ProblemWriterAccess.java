package com.themepress.runtime.web;

/** Makes a {@link ProblemWriter} outside Spring, for filter tests. */
public final class ProblemWriterAccess {

    private ProblemWriterAccess() {
    }

    public static ProblemWriter create() {
        return new ProblemWriter();
    }
}
