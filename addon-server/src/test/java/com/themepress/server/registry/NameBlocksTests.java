package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The name-ordered blocks behind browsing and search, against a plain sorted map doing the same naively. */
class NameBlocksTests {

    private static final List<String> CATEGORIES = List.of("analytics", "marketing", "utilities");

    private static ListedAddon entry(String name, String category, String description, boolean subscriber) {
        return new ListedAddon(name, "1.0.0", category, description, "someone", "dev", 1, Instant.EPOCH, subscriber, null);
    }

    @Test
    void pagesCountsAndSearchesLikeANaiveScanThroughSplitsAndRemovals() {
        NameBlocks blocks = new NameBlocks(CATEGORIES);
        TreeMap<String, ListedAddon> naive = new TreeMap<>();
        Random random = new Random(25);
        for (int i = 0; i < 5_000; i++) {
            String name = "addon-" + random.nextInt(3_000);
            if (random.nextInt(4) == 0) {
                blocks.remove(name);
                naive.remove(name);
            } else {
                ListedAddon entry = entry(name, CATEGORIES.get(random.nextInt(3)), "Number " + random.nextInt(500) + " Tool",
                        random.nextBoolean());
                blocks.put(entry);
                naive.put(name, entry);
            }
            if (i % 97 == 0) {
                blocks.flush();
            }
        }
        blocks.flush();

        assertThat(blocks.size()).isEqualTo(naive.size());
        for (String category : new String[] {null, "analytics", "utilities", "marketing"}) {
            for (String needle : new String[] {null, "tool", "number 42", "addon-1", "7 tool", "er 49", "zzz", "o", "1 t"}) {
                for (long offset : new long[] {0, 20, 517, 1_000, 2_600}) {
                    List<ListedAddon> expected = naive.values().stream()
                            .filter(e -> category == null || category.equals(e.category()))
                            .filter(e -> needle == null || e.name().contains(needle) || e.description().toLowerCase(Locale.ROOT).contains(needle))
                            .toList();
                    List<ListedAddon> page = new ArrayList<>();
                    long total = blocks.page(category, needle, offset, 20, page);
                    assertThat(total).as("%s %s %d", category, needle, offset).isEqualTo(expected.size());
                    assertThat(page).isEqualTo(expected.stream().skip(offset).limit(20).toList());
                }
            }
        }
        assertThat(blocks.subscribers(10, 30)).isEqualTo(
                naive.values().stream().filter(ListedAddon::maySubscribe).skip(10).limit(30).map(ListedAddon::name).toList());
    }

    @Test
    void aMatchNeverSpansNameAndDescriptionOrTwoAddons() {
        NameBlocks blocks = new NameBlocks(CATEGORIES);
        blocks.put(entry("clock", "utilities", "Shows the time", false));
        blocks.put(entry("dial", "utilities", "Round", false));
        blocks.flush();

        assertThat(blocks.page(null, "kshows", 0, 10, new ArrayList<>())).isZero();
        assertThat(blocks.page(null, "timedial", 0, 10, new ArrayList<>())).isZero();
        assertThat(blocks.page(null, "the time", 0, 10, new ArrayList<>())).isEqualTo(1);
        assertThat(blocks.page("marketing", null, 0, 10, new ArrayList<>())).isZero();
        assertThat(blocks.page("no-such-category", null, 0, 10, new ArrayList<>())).isZero();
    }
}
