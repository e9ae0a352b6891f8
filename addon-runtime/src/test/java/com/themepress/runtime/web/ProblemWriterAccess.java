package com.themepress.runtime.web;

import tools.jackson.databind.json.JsonMapper;

/** Makes a {@link ProblemWriter} outside Spring, for filter tests. */
public final class ProblemWriterAccess {

    private ProblemWriterAccess() {
    }

    public static ProblemWriter create() {
        return new ProblemWriter(JsonMapper.builder().build());
    }
}
