package com.themepress.server.registry;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, with what a client needs to fetch the next one. */
public record CataloguePage<T>(List<T> items, int page, int size, long total) {

    public <R> CataloguePage<R> map(Function<T, R> mapper) {
        return new CataloguePage<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
