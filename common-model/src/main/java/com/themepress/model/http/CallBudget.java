package com.themepress.model.http;

import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * How long a caller still waits for an answer, sent with a call so that the service it calls never
 * keeps working (queueing, waiting for a backend) for a caller that has already given up. The
 * runtime-client sends it with every call into the addon-runtime; the runtime caps its waits to it
 * and answers 504 when it runs out.
 */
public final class CallBudget {

    /** Whole milliseconds the caller still waits, counted from when the call is sent. */
    public static final String HEADER = "X-Call-Budget-Ms";

    private CallBudget() {
    }

    /**
     * The header's value, empty when absent.
     *
     * @throws PlatformException 400 when it is not a whole number of milliseconds
     */
    public static OptionalLong parse(@Nullable String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0) {
                return OptionalLong.of(millis);
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a negative value
        }
        throw new PlatformException(ProblemType.INVALID_REQUEST, HEADER + " must be a whole number of milliseconds, 0 or more.",
                List.of(new FieldError("", HEADER + " is '" + value + "'")));
    }
}
