package com.themepress.server.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.web.QueryInts;

/**
 * The checks the REST listings make of their query ({@code GET /api/addons}, {@code GET /api/widgets}),
 * with the same pointers and bounds, for the same arguments here: one 400 naming every bad one.
 */
final class ListingQuery {

    static final int MAX_TEXT = 100;
    static final int MAX_PAGE = 100_000;
    static final int MAX_SIZE = 100;

    private final List<FieldError> errors = new ArrayList<>();

    void category(@Nullable String category, Set<String> allowed) {
        if (category != null && !allowed.contains(category)) {
            errors.add(new FieldError("/category", "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
        }
    }

    void text(@Nullable String text) {
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("/q", "must be at most " + MAX_TEXT + " characters"));
        }
    }

    int page(int page) {
        return QueryInts.bounded(Integer.toString(page), "/page", 0, MAX_PAGE, errors);
    }

    int size(int size) {
        return QueryInts.bounded(Integer.toString(size), "/size", 1, MAX_SIZE, errors);
    }

    void check() {
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid query: " + errors.get(0).pointer().substring(1)
                    + " " + errors.get(0).message() + ".", errors);
        }
    }
}
