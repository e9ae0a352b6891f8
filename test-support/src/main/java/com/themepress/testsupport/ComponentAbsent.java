package com.themepress.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * The one kind of skip the test command accepts: a component the test needs is truly absent on this
 * machine. {@code scripts/check-skips.sh} fails the run on any skip whose message does not start
 * with {@link #PREFIX}, so every skip is written through here.
 */
public final class ComponentAbsent {

    public static final String PREFIX = "Component absent: ";

    private ComponentAbsent() {
    }

    /** A JUnit condition's verdict: the class or method is skipped because {@code what} is missing. */
    public static ConditionEvaluationResult disabled(String what) {
        return ConditionEvaluationResult.disabled(PREFIX + what);
    }

    /** Aborts the running test (an assumption) when {@code present} is false. */
    public static void assume(boolean present, String what) {
        Assumptions.assumeTrue(present, () -> PREFIX + what);
    }
}
