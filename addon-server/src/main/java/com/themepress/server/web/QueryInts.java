package com.themepress.server.web;

import java.util.List;

import com.themepress.model.problem.FieldError;

/** Integer query parameters (pages, sizes) read once for every listing: a bad value is a pointer, not a 500. */
public final class QueryInts {

    private QueryInts() {
    }

    /**
     * {@code raw} as an integer from {@code min} to {@code max}; otherwise an error at {@code pointer} is added to
     * {@code errors} (the caller answers them all in one 400) and {@code min} stands in.
     */
    public static int bounded(String raw, String pointer, int min, int max, List<FieldError> errors) {
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(pointer, "must be an integer from " + min + " to " + max));
        return min;
    }
}
