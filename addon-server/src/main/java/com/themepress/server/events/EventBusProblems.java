package com.themepress.server.events;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** The problems every part of the bus's API answers alike. */
public final class EventBusProblems {

    private EventBusProblems() {
    }

    /** 503: Redis did not answer (fail fast, so the caller can retry at once). */
    public static PlatformException unavailable() {
        return new PlatformException(ProblemType.UNAVAILABLE, "The event bus cannot reach Redis; try again shortly.");
    }
}
