package com.themepress.server.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.registry.RegistryViews.AddonSummary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;

/**
 * The catalogue that browsing, search and the widget catalogue read: a compact entry per listed addon,
 * in memory on each replica, in name-ordered blocks ({@link NameBlocks}) and widget rows
 * ({@link WidgetRows}). The embedded store cannot use a secondary index, and a real one should not be
 * asked for the most frequent query; from memory a page costs well under a millisecond at 100,000
 * addons. What it holds is bounded by {@code catalogue-max-bytes}. See docs/registry-catalogue.md.
 * <p>
 * It stays current by change: this replica's writes are applied as they are made, other replicas'
 * arrive as {@link RegistryChanged} broadcasts and are read back by name, and a reload every
 * {@code catalogue-resync-interval} repairs what a lost broadcast left behind. Loads stream the store in
 * batches of {@code catalogue-load-batch} addons into the live index (never a second copy); an entry
 * the load did not see again is dropped at its end. Until the first load has finished, requests wait
 * up to {@code catalogue-load-wait} and then get 503: the store cannot answer them without reading
 * every addon.
 */
@Component
class CatalogueIndex {

    private static final Logger log = LoggerFactory.getLogger(CatalogueIndex.class);

    /**
     * What the index holds for a name, the revision it came from (stale reads never win), the load that
     * last saw it, and whether it was left out for want of room.
     */
    private record Known(@Nullable ListedAddon listed, long revision, long generation, boolean refused) {
    }

    private final RegistryStore store;
    private final StoredWidgets widgets;
    private final RegistryProperties properties;
    private final Timer loads;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private final AtomicLong refused = new AtomicLong();
    private final SharedStrings shared = new SharedStrings();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "catalogue-reload");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by lock.
    private final Map<String, Known> known = new HashMap<>();
    private final NameBlocks names = new NameBlocks(RegistryController.CATEGORIES.stream().sorted().toList());
    private final WidgetRows widgetRows = new WidgetRows();
    private long generation;
    private long bytes;

    CatalogueIndex(RegistryStore store, StoredWidgets widgets, RegistryProperties properties, MeterRegistry meters) {
        this.store = store;
        this.widgets = widgets;
        this.properties = properties;
        this.loads = Timer.builder("registry_catalogue_load").description("Full reloads of the in-memory catalogue")
                .register(meters);
        Gauge.builder("registry_catalogue_addons", this, CatalogueIndex::size)
                .description("Listed addons held in the in-memory catalogue").register(meters);
        Gauge.builder("registry_catalogue_bytes", this, CatalogueIndex::heldBytes)
                .description("Estimated heap of the in-memory catalogue (bounded by catalogue-max-bytes)").register(meters);
        Gauge.builder("registry_catalogue_refused", refused, AtomicLong::get)
                .description("Listed addons left out of the catalogue because catalogue-max-bytes was reached").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::reloadQuietly, 0, properties.catalogueResyncInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    CataloguePage<AddonSummary> page(@Nullable String category, @Nullable String text, int page, int size) {
        awaitLoaded(properties.catalogueLoadWait());
        List<ListedAddon> items = new ArrayList<>(size);
        long total;
        lock.readLock().lock();
        if (text != null && names.searchTextStale()) {
            // Changes since the last search: rewrite their blocks' search text once for all of them, then
            // read under the read lock taken before the write lock is let go, so no change slips in between.
            lock.readLock().unlock();
            lock.writeLock().lock();
            try {
                names.flush();
                lock.readLock().lock();
            } finally {
                lock.writeLock().unlock();
            }
        }
        try {
            total = names.page(category, text == null ? null : text.toLowerCase(Locale.ROOT), (long) page * size, size, items);
        } finally {
            lock.readLock().unlock();
        }
        return new CataloguePage<>(items.stream().map(ListedAddon::summary).toList(), page, size, total);
    }

    /** Listed addons that may subscribe to events, a page at a time in name order. */
    List<String> subscriberCandidates(int page, int size, Duration wait) {
        awaitLoaded(wait);
        lock.readLock().lock();
        try {
            return names.subscribers((long) page * size, size);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One page of the widget catalogue: widgets in {@code category} (all when null), in addon and widget order. */
    CataloguePage<WidgetRow> widgets(@Nullable String category, int page, int size) {
        awaitLoaded(properties.catalogueLoadWait());
        lock.readLock().lock();
        try {
            return widgetRows.page(category, page, size);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every listed addon that has widgets, in name order. */
    List<ListedWidgets> withWidgets() {
        awaitLoaded(properties.catalogueLoadWait());
        lock.readLock().lock();
        try {
            return widgetRows.addons();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A change made on this replica: the saved document is at hand, so nothing is read back. Its block's
     * search text is rewritten by the next search, not here: a registration used to rewrite about 30 KB of
     * text and its filter each time (a quarter of a registration's CPU), where one search now does it for
     * every change since.
     */
    void apply(AddonDocument addon) {
        // A document older than widget summaries has them read from its manifest: not while the write lock is held.
        ListedAddon listed = listing(addon);
        lock.writeLock().lock();
        try {
            put(addon, listed, generation);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A change heard from any replica; ours are already applied, others' are read back by name. */
    @EventListener
    void on(RegistryChanged change) {
        if (change.revision() != null && revisionOf(change.addon()) >= change.revision()) {
            return;
        }
        store.addon(change.addon()).ifPresent(this::apply);
    }

    /**
     * Streams every addon from the store in batches into the live index. A name applied meanwhile keeps
     * whichever revision is newer; a name the load did not see and nobody applied meanwhile is dropped.
     */
    void reload() {
        long started = System.nanoTime();
        loads.record(() -> {
            long load;
            lock.writeLock().lock();
            try {
                load = ++generation;
            } finally {
                lock.writeLock().unlock();
            }
            store.forEachAddonBatch(properties.catalogueLoadBatch(), batch -> {
                List<ListedAddon> listings = batch.stream().map(this::listing).toList();
                lock.writeLock().lock();
                try {
                    for (int i = 0; i < batch.size(); i++) {
                        put(batch.get(i), listings.get(i), load);
                    }
                    names.flush();
                } finally {
                    lock.writeLock().unlock();
                }
            });
            sweep(load);
        });
        firstLoad.countDown();
        log.info("Catalogue loaded in {} ms: {} listed addons, {} KB held", (System.nanoTime() - started) / 1_000_000, size(),
                heldBytes() / 1024);
        if (refused.get() > 0) {
            log.warn("{} listed addons are not in the catalogue: themepress.registry.catalogue-max-bytes ({}) is reached",
                    refused.get(), properties.catalogueMaxBytes());
        }
    }

    private void sweep(long load) {
        lock.writeLock().lock();
        try {
            for (Iterator<Map.Entry<String, Known>> it = known.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Known> entry = it.next();
                if (entry.getValue().generation() < load) {
                    unlist(entry.getValue());
                    it.remove();
                }
            }
            names.flush();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private @Nullable ListedAddon listing(AddonDocument addon) {
        return addon.latestVersion() == null ? null : ListedAddon.of(addon, widgets.of(addon, listedNow(addon.name())), shared);
    }

    /** Holds {@code listed} (null: not listed) for the addon unless a newer revision is already here. Write lock held. */
    private void put(AddonDocument addon, @Nullable ListedAddon listed, long seen) {
        Known current = known.get(addon.name());
        long revision = addon.revision() == null ? 0 : addon.revision();
        if (current != null && current.revision() > revision) {
            known.put(addon.name(), new Known(current.listed(), current.revision(), Math.max(seen, current.generation()), current.refused()));
            return;
        }
        unlist(current);
        if (listed != null && bytes + listed.weight() > properties.catalogueMaxBytes().toBytes()) {
            refused.incrementAndGet();
            known.put(addon.name(), new Known(null, revision, seen, true));
            return;
        }
        if (listed != null) {
            names.put(listed);
            if (listed.widgets() != null) {
                widgetRows.put(listed.widgets());
            }
            bytes += listed.weight();
        }
        known.put(addon.name(), new Known(listed, revision, seen, false));
    }

    private void unlist(@Nullable Known current) {
        if (current == null) {
            return;
        }
        if (current.listed() != null) {
            names.remove(current.listed().name());
            widgetRows.remove(current.listed().name());
            bytes -= current.listed().weight();
        } else if (current.refused()) {
            refused.decrementAndGet();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep answering from what is held and try again next time.
            log.warn("Reloading the catalogue failed; next try in {}: {}", properties.catalogueResyncInterval(), e.toString());
        }
    }

    private void awaitLoaded(Duration wait) {
        try {
            if (firstLoad.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PlatformException loading = new PlatformException(ProblemType.UNAVAILABLE,
                "The registry is loading its catalogue after a start; try again in a few seconds.");
        loading.getHeaders().set("Retry-After", "5");
        throw loading;
    }

    private long revisionOf(String name) {
        lock.readLock().lock();
        try {
            Known current = known.get(name);
            return current == null ? -1 : current.revision();
        } finally {
            lock.readLock().unlock();
        }
    }

    private @Nullable ListedAddon listedNow(String name) {
        lock.readLock().lock();
        try {
            Known current = known.get(name);
            return current == null ? null : current.listed();
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean isLoaded() {
        return firstLoad.getCount() == 0;
    }

    private int size() {
        lock.readLock().lock();
        try {
            return names.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    long heldBytes() {
        lock.readLock().lock();
        try {
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }
}
