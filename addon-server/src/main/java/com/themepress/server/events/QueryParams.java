package com.themepress.server.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** Checks query parameters, collecting every problem with a pointer named after the parameter. */
public final class QueryParams {

    private final List<FieldError> errors = new java.util.ArrayList<>();

    public @Nullable String matching(@Nullable String value, String name, Pattern pattern, String expectation) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 200 || !pattern.matcher(value).matches()) {
            errors.add(new FieldError("/" + name, expectation));
            return null;
        }
        return value;
    }

    public @Nullable Instant instant(@Nullable String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + name, "must be an ISO-8601 instant like 2025-01-31T12:00:00Z"));
            return null;
        }
    }

    public int bounded(String value, String name, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("/" + name, "must be a whole number from " + min + " to " + max));
        return min;
    }

    public void add(FieldError error) {
        errors.add(error);
    }

    /** Throws the 400 listing every problem, if there were any. */
    public void check() {
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    "Invalid query: " + first.pointer().substring(1) + " " + first.message() + ".", List.copyOf(errors));
        }
    }
}
