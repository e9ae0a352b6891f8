package com.themepress.server.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The listed addons in name order, cut into blocks of at most {@link #MAX_BLOCK} entries. Each block
 * counts its entries per category and its event subscribers, so a page skips whole blocks to reach its
 * offset, and holds the search text of its entries as one string, so that {@code q} is a scan of
 * contiguous memory ({@link String#indexOf}) rather than a walk over 100,000 objects. A change rewrites
 * one block's text (tens of KB); blocks are rebuilt once per batch of changes ({@link #flush}). Each
 * block also keeps a 1 KB filter of the three-character sequences in its text: a block that lacks one
 * of the needle's cannot contain it and is not scanned.
 * Not thread-safe: {@link CatalogueIndex} guards it.
 */
final class NameBlocks {

    static final int MAX_BLOCK = 512;

    private final Map<String, Integer> categoryOrdinals;
    private final int subscriberSlot;
    /** Blocks by the name of their first entry. */
    private final TreeMap<String, Block> blocks = new TreeMap<>();
    private final Set<Block> dirty = new HashSet<>();
    private int size;

    NameBlocks(List<String> categories) {
        this.categoryOrdinals = new java.util.HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            categoryOrdinals.put(categories.get(i), i);
        }
        this.subscriberSlot = categories.size();
    }

    int size() {
        return size;
    }

    void put(ListedAddon entry) {
        Map.Entry<String, Block> floor = blocks.floorEntry(entry.name());
        if (floor == null && blocks.isEmpty()) {
            Block block = new Block(categoryOrdinals.size() + 1);
            blocks.put(entry.name(), block);
            floor = blocks.firstEntry();
        } else if (floor == null) {
            floor = rekey(blocks.firstEntry(), entry.name());
        }
        Block block = floor.getValue();
        int at = block.indexOf(entry.name());
        if (at >= 0) {
            count(block, block.entries.get(at), -1);
            block.entries.set(at, entry);
        } else {
            block.entries.add(-at - 1, entry);
            size++;
        }
        count(block, entry, 1);
        dirty.add(block);
        if (block.entries.size() > MAX_BLOCK) {
            split(block);
        }
    }

    void remove(String name) {
        Map.Entry<String, Block> floor = blocks.floorEntry(name);
        if (floor == null) {
            return;
        }
        Block block = floor.getValue();
        int at = block.indexOf(name);
        if (at < 0) {
            return;
        }
        count(block, block.entries.remove(at), -1);
        size--;
        if (block.entries.isEmpty()) {
            blocks.remove(floor.getKey());
            dirty.remove(block);
            return;
        }
        if (at == 0) {
            rekey(floor, block.entries.get(0).name());
        }
        dirty.add(block);
    }

    /** Whether a block changed since the last {@link #flush}: a search must flush first. */
    boolean searchTextStale() {
        return !dirty.isEmpty();
    }

    /** Rebuilds the search text of the blocks changed since the last flush. */
    void flush() {
        dirty.forEach(Block::rebuild);
        dirty.clear();
    }

    /**
     * Fills {@code items} with up to {@code limit} entries after the first {@code offset} that are in
     * {@code category} (any when null) and whose name or description contains {@code needle} (lowered;
     * any when null), and returns how many match in all.
     */
    long page(@Nullable String category, @Nullable String needle, long offset, int limit, List<ListedAddon> items) {
        if (needle != null && searchTextStale()) {
            throw new IllegalStateException("search text not flushed since the last change");
        }
        int slot = category == null ? -1 : categoryOrdinals.getOrDefault(category, Integer.MIN_VALUE);
        if (slot == Integer.MIN_VALUE) {
            return 0;
        }
        return walk(slot, entry -> category == null || category.equals(entry.category()), needle, offset, limit, items);
    }

    /** Listed addons that may subscribe to events, in name order, after the first {@code offset}. */
    List<String> subscribers(long offset, int limit) {
        List<ListedAddon> found = new ArrayList<>(limit);
        walk(subscriberSlot, ListedAddon::maySubscribe, null, offset, limit, found);
        return found.stream().map(ListedAddon::name).toList();
    }

    private long walk(int slot, Predicate<ListedAddon> filter, @Nullable String needle, long offset, int limit,
            List<ListedAddon> items) {
        int[] grams = needle == null ? new int[0] : Block.grams(needle);
        long matched = 0;
        for (Block block : blocks.values()) {
            if (needle == null) {
                int inBlock = slot < 0 ? block.entries.size() : block.counts[slot];
                if (matched + inBlock <= offset || items.size() >= limit) {
                    matched += inBlock;
                    continue;
                }
                for (ListedAddon entry : block.entries) {
                    if (filter.test(entry)) {
                        if (matched >= offset && items.size() < limit) {
                            items.add(entry);
                        }
                        matched++;
                    }
                }
            } else if (block.mayContain(grams)) {
                matched = block.search(needle, filter, matched, offset, limit, items);
            }
        }
        return matched;
    }

    private void count(Block block, ListedAddon entry, int delta) {
        Integer ordinal = entry.category() == null ? null : categoryOrdinals.get(entry.category());
        if (ordinal != null) {
            block.counts[ordinal] += delta;
        }
        if (entry.maySubscribe()) {
            block.counts[subscriberSlot] += delta;
        }
    }

    private Map.Entry<String, Block> rekey(Map.Entry<String, Block> entry, String firstName) {
        blocks.remove(entry.getKey());
        blocks.put(firstName, entry.getValue());
        return blocks.floorEntry(firstName);
    }

    private void split(Block block) {
        Block upper = new Block(block.counts.length);
        List<ListedAddon> moved = block.entries.subList(block.entries.size() / 2, block.entries.size());
        for (ListedAddon entry : moved) {
            upper.entries.add(entry);
            count(block, entry, -1);
            count(upper, entry, 1);
        }
        moved.clear();
        blocks.put(upper.entries.get(0).name(), upper);
        dirty.add(upper);
    }

    private static final class Block {

        private static final int GRAM_BITS = 8192;

        final ArrayList<ListedAddon> entries = new ArrayList<>();
        /** Bit per hashed three-character sequence of {@link #text} (none that spans a separator). */
        long[] present = new long[GRAM_BITS / 64];
        final int[] counts;
        /** Each entry's name, a separator, its lowered description and another separator. */
        String text = "";
        /** Where each entry's name starts in {@link #text}, and where its description starts. */
        int[] starts = new int[0];
        int[] descriptions = new int[0];

        Block(int slots) {
            this.counts = new int[slots];
        }

        int indexOf(String name) {
            int low = 0;
            int high = entries.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int order = entries.get(mid).name().compareTo(name);
                if (order < 0) {
                    low = mid + 1;
                } else if (order > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }

        void rebuild() {
            StringBuilder joined = new StringBuilder(entries.size() * 64);
            starts = new int[entries.size() + 1];
            descriptions = new int[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                ListedAddon entry = entries.get(i);
                starts[i] = joined.length();
                joined.append(entry.name()).append('\u0000');
                descriptions[i] = joined.length();
                joined.append(entry.searchedDescription()).append('\u0000');
            }
            starts[entries.size()] = joined.length();
            text = joined.toString();
            present = new long[GRAM_BITS / 64];
            for (int i = 0; i + 3 <= text.length(); i++) {
                if (text.charAt(i) != '\u0000' && text.charAt(i + 1) != '\u0000' && text.charAt(i + 2) != '\u0000') {
                    int bit = gram(text, i);
                    present[bit >>> 6] |= 1L << bit;
                }
            }
        }

        /** The hashed three-character sequences of {@code needle}: all must be in a block that contains it. */
        static int[] grams(String needle) {
            int[] grams = new int[Math.max(0, needle.length() - 2)];
            for (int i = 0; i < grams.length; i++) {
                grams[i] = gram(needle, i);
            }
            return grams;
        }

        boolean mayContain(int[] grams) {
            for (int bit : grams) {
                if ((present[bit >>> 6] & (1L << bit)) == 0) {
                    return false;
                }
            }
            return true;
        }

        private static int gram(String text, int at) {
            int h = (text.charAt(at) * 31 + text.charAt(at + 1)) * 31 + text.charAt(at + 2);
            return (h * 0x9E3779B1) >>> (32 - 13); // 2^13 = GRAM_BITS
        }

        /** Matches of {@code needle} within one entry's name or description (never across), counted once per entry. */
        long search(String needle, Predicate<ListedAddon> filter, long matched, long offset, int limit, List<ListedAddon> items) {
            int from = 0;
            while (true) {
                int at = text.indexOf(needle, from);
                if (at < 0) {
                    return matched;
                }
                int entry = entryAt(at);
                int partEnd = at < descriptions[entry] ? descriptions[entry] - 1 : starts[entry + 1] - 1;
                if (at + needle.length() > partEnd) {
                    from = at + 1; // ran over a separator: look further in the same entry
                    continue;
                }
                ListedAddon found = entries.get(entry);
                if (filter.test(found)) {
                    if (matched >= offset && items.size() < limit) {
                        items.add(found);
                    }
                    matched++;
                }
                from = starts[entry + 1];
            }
        }

        private int entryAt(int position) {
            int low = 0;
            int high = entries.size() - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (starts[mid] <= position) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low;
        }
    }
}
