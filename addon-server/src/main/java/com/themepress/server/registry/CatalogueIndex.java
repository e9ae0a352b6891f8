package com.themepress.server.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.themepress.server.registry.RegistryViews.AddonSummary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;

/**
 * The catalogue that browsing reads: a summary of every listed addon, in memory on each replica,
 * sorted by name and grouped by category. The embedded store cannot use a secondary index, so a
 * catalogue query there reads and deserialises every addon document (seconds at 25,000 addons);
 * from memory a page costs microseconds whatever the catalogue's size, and on a real MongoDB it
 * spares the database the most frequent query. See docs/registry-catalogue.md.
 * <p>
 * It stays current by change, not by expiry: this replica's writes are applied as they are made,
 * other replicas' arrive as {@link RegistryChanged} broadcasts and are read back by name, and a full
 * reload every {@code catalogue-resync-interval} repairs whatever a lost broadcast left behind.
 * Until the first load has finished, pages are answered by the store.
 */
@Component
class CatalogueIndex {

    private static final Logger log = LoggerFactory.getLogger(CatalogueIndex.class);
    /** A category nobody has published in yet; never written. */
    private static final TreeMap<String, Listed> NO_ADDONS = new TreeMap<>();

    /**
     * One listed addon, with the text that {@code q} searches lowered once rather than per query, and
     * whether it may subscribe to events (true, or not recorded on documents older than the flag).
     */
    record Listed(AddonSummary summary, String name, String description, boolean maySubscribe,
            @Nullable ListedWidgets widgets) {

        static Listed of(AddonDocument addon, List<WidgetSummary> widgets) {
            AddonSummary summary = AddonSummary.of(addon);
            return new Listed(summary, summary.name().toLowerCase(Locale.ROOT),
                    summary.description() == null ? "" : summary.description().toLowerCase(Locale.ROOT),
                    !Boolean.FALSE.equals(addon.subscriber()),
                    widgets.isEmpty() ? null : new ListedWidgets(addon.name(), addon.latestVersion(), addon.category(), widgets));
        }

        boolean mentions(String lowered) {
            return name.contains(lowered) || description.contains(lowered);
        }
    }

    /** What the index holds for a name, and the document revision it came from (stale reads never win). */
    private record Known(@Nullable Listed listed, @Nullable String category, long revision) {
    }

    private final RegistryStore store;
    private final StoredWidgets widgets;
    private final RegistryProperties properties;
    private final Timer loads;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "catalogue-reload");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by lock.
    private Map<String, Known> known = new HashMap<>();
    private TreeMap<String, Listed> all = new TreeMap<>();
    private Map<String, TreeMap<String, Listed>> byCategory = new HashMap<>();
    /** The listed addons that have widgets, by name: what the widget catalogue pages through. */
    private TreeMap<String, ListedWidgets> withWidgets = new TreeMap<>();
    /** Names changed while a full load runs; for those, what was applied meanwhile may be newer than what the load read. */
    private @Nullable Set<String> changedDuringLoad;
    private volatile boolean loaded;

    CatalogueIndex(RegistryStore store, StoredWidgets widgets, RegistryProperties properties, MeterRegistry meters) {
        this.store = store;
        this.widgets = widgets;
        this.properties = properties;
        this.loads = Timer.builder("registry_catalogue_load").description("Full reloads of the in-memory catalogue")
                .register(meters);
        Gauge.builder("registry_catalogue_addons", this, CatalogueIndex::size)
                .description("Listed addons held in the in-memory catalogue").register(meters);
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
        if (!loaded) {
            return store.browse(category, text, page, size).map(AddonSummary::of);
        }
        long offset = (long) page * size;
        List<AddonSummary> items = new ArrayList<>(size);
        long total = 0;
        lock.readLock().lock();
        try {
            TreeMap<String, Listed> source = category == null ? all : byCategory.getOrDefault(category, NO_ADDONS);
            String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
            if (needle == null && offset >= source.size()) {
                return new CataloguePage<>(List.of(), page, size, source.size());
            }
            for (Listed listed : source.values()) {
                if (needle != null && !listed.mentions(needle)) {
                    continue;
                }
                if (total >= offset && items.size() < size) {
                    items.add(listed.summary());
                }
                total++;
                if (needle == null && items.size() == size) {
                    total = source.size(); // nothing left to count
                    break;
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return new CataloguePage<>(List.copyOf(items), page, size, total);
    }

    /**
     * Listed addons that may subscribe to events, a page at a time in name order, for the event bus's
     * periodic rebuild of its subscriber list; empty until the first load, when the store must answer.
     */
    Optional<List<String>> subscriberCandidates(int page, int size) {
        if (!loaded) {
            return Optional.empty();
        }
        long offset = (long) page * size;
        List<String> names = new ArrayList<>(size);
        lock.readLock().lock();
        try {
            long seen = 0;
            for (Listed listed : all.values()) {
                if (listed.maySubscribe() && seen++ >= offset) {
                    names.add(listed.summary().name());
                    if (names.size() == size) {
                        break;
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return Optional.of(List.copyOf(names));
    }

    /** A change made on this replica: the saved document is at hand, so nothing is read back. */
    void apply(AddonDocument addon) {
        // A document older than widget summaries has them read from its manifest: not while the write lock is held.
        List<WidgetSummary> summaries = widgets.of(addon, listedNow(addon.name()));
        lock.writeLock().lock();
        try {
            Known current = known.get(addon.name());
            long revision = addon.revision() == null ? 0 : addon.revision();
            if (current != null && current.revision() > revision) {
                return; // a later change of this name is already here
            }
            if (changedDuringLoad != null) {
                changedDuringLoad.add(addon.name());
            }
            unlist(addon.name(), current);
            Listed listed = addon.latestVersion() == null ? null : Listed.of(addon, summaries);
            if (listed != null) {
                list(addon.name(), listed);
            }
            known.put(addon.name(), new Known(listed, addon.category(), revision));
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

    void reload() {
        lock.writeLock().lock();
        try {
            changedDuringLoad = new HashSet<>();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            loads.record(this::loadAndSwap);
        } finally {
            lock.writeLock().lock();
            try {
                changedDuringLoad = null;
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private void loadAndSwap() {
        Map<String, Known> read = new HashMap<>();
        Map<String, Known> before = knownNow();
        try (Stream<AddonDocument> listed = store.listed()) {
            listed.forEach(addon -> {
                Known previous = before.get(addon.name());
                read.put(addon.name(), new Known(Listed.of(addon, widgets.of(addon, previous == null ? null : previous.listed())),
                        addon.category(), addon.revision() == null ? 0 : addon.revision()));
            });
        }
        lock.writeLock().lock();
        try {
            for (String name : changedDuringLoad) {
                Known applied = known.get(name);
                Known loadedOne = read.get(name);
                if (applied != null && (loadedOne == null || applied.revision() >= loadedOne.revision())) {
                    read.put(name, applied);
                }
            }
            known = read;
            all = new TreeMap<>();
            byCategory = new HashMap<>();
            withWidgets = new TreeMap<>();
            read.forEach((name, entry) -> {
                if (entry.listed() != null) {
                    list(name, entry.listed());
                }
            });
            loaded = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep answering from what is held (or from the store, before the first load) and try again next time.
            log.warn("Reloading the catalogue failed; next try in {}: {}", properties.catalogueResyncInterval(), e.toString());
        }
    }

    private void list(String name, Listed listed) {
        all.put(name, listed);
        byCategory.computeIfAbsent(listed.summary().category(), c -> new TreeMap<>()).put(name, listed);
        if (listed.widgets() != null) {
            withWidgets.put(name, listed.widgets());
        }
    }

    private void unlist(String name, @Nullable Known current) {
        all.remove(name);
        withWidgets.remove(name);
        if (current != null && current.category() != null) {
            TreeMap<String, Listed> group = byCategory.get(current.category());
            if (group != null) {
                group.remove(name);
            }
        }
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

    /** The listed addons that have widgets, in name order; empty until the first load, when the store must answer. */
    Optional<List<ListedWidgets>> withWidgets() {
        if (!loaded) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            return Optional.of(List.copyOf(withWidgets.values()));
        } finally {
            lock.readLock().unlock();
        }
    }

    private @Nullable Listed listedNow(String name) {
        lock.readLock().lock();
        try {
            Known current = known.get(name);
            return current == null ? null : current.listed();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy: changes applied while a load reads must not race its lookups. */
    private Map<String, Known> knownNow() {
        lock.readLock().lock();
        try {
            return new HashMap<>(known);
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean isLoaded() {
        return loaded;
    }

    private int size() {
        lock.readLock().lock();
        try {
            return all.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
