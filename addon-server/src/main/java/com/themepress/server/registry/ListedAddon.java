package com.themepress.server.registry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.themepress.server.registry.RegistryViews.AddonSummary;

/**
 * What a replica keeps of one listed addon for browsing: the fields of its summary, the text that
 * {@code q} searches (lowered once), whether it may subscribe to events (true, or not recorded on
 * documents older than the flag), and its widgets when it has any.
 */
record ListedAddon(String name, String latestVersion, @Nullable String category, @Nullable String description,
        @Nullable String author, @Nullable String owner, int versions, @Nullable Instant updatedAt, boolean maySubscribe,
        @Nullable ListedWidgets widgets) {

    /** Object headers, references and the Instant: measured layout of a compressed-oops 64-bit JVM, rounded up. */
    private static final int FIXED_BYTES = 96;
    /** A String's header and its array's header. */
    private static final int STRING_BYTES = 40;
    /** A widget summary's own fields and its list slot. */
    private static final int WIDGET_BYTES = 72;

    static ListedAddon of(AddonDocument addon, List<WidgetSummary> widgets) {
        return of(addon, widgets, new SharedStrings());
    }

    static ListedAddon of(AddonDocument addon, List<WidgetSummary> widgets, SharedStrings shared) {
        String version = shared.of(addon.latestVersion());
        String category = shared.of(addon.category());
        return new ListedAddon(addon.name(), version, category, addon.description(), shared.of(addon.author()),
                shared.of(addon.owner()), addon.activeCount(), addon.updatedAt(), !Boolean.FALSE.equals(addon.subscriber()),
                widgets.isEmpty() ? null : new ListedWidgets(addon.name(), version, category, widgets));
    }

    AddonSummary summary() {
        return new AddonSummary(name, latestVersion, category, description, author, owner, versions, updatedAt);
    }

    /** The description as {@code q} matches it. */
    String searchedDescription() {
        return description == null ? "" : description.toLowerCase(Locale.ROOT);
    }

    /**
     * Estimated heap of this entry and of its share of the index (search text, map slots): what the
     * catalogue's byte budget counts. Strings shared between entries ({@link SharedStrings}) are counted
     * in every entry, so the estimate is an upper bound; the category is not counted (five values).
     */
    long weight() {
        long bytes = FIXED_BYTES + text(name) + text(latestVersion) + text(description) + text(author) + text(owner)
                // the search text holds name and lowered description once more; the index's slots for the name
                // (a HashMap node and its record of what is known, a list slot, two offsets and a share of its
                // block's filter) take about 100
                + name.length() + (description == null ? 0 : 2L * description.length()) + 100;
        if (widgets != null) {
            bytes += 48;
            for (WidgetSummary widget : widgets.widgets()) {
                bytes += WIDGET_BYTES + text(widget.name()) + text(widget.displayName()) + text(widget.description())
                        + text(widget.previewImage()) + 96; // its rows in the widget catalogue's maps
            }
        }
        return bytes;
    }

    private static long text(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        boolean latin1 = value.chars().allMatch(c -> c < 256);
        return STRING_BYTES + (latin1 ? value.length() : 2L * value.length());
    }
}
