package com.themepress.server.keys;

import java.util.List;

/** One page of {@code GET /api/keys}, shaped like the registry's pages. */
record KeyPage(List<KeyView> items, int page, int size, long total) {
}
