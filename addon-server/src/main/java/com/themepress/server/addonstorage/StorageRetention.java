package com.themepress.server.addonstorage;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.themepress.server.install.SiteCalls;

import jakarta.annotation.PreDestroy;

/**
 * Keeps an uninstalled addon's data on a site for {@code retention}, then deletes it. Each pass looks at
 * every scope that holds data: an addon no longer installed there gets a mark with its deletion time
 * (so retention counts from the first pass that saw it gone, at most {@code sweep-interval} after the
 * uninstall); a reinstall before that time removes the mark and finds the data as it was; a mark
 * past its time deletes the documents and the counters. Asking the installation each pass, rather than
 * hearing the uninstall, means a pass missed (a replica down) is made up by the next one.
 */
@Component
class StorageRetention {

    static final String MARKS = "addon_storage_retention";
    private static final Logger log = LoggerFactory.getLogger(StorageRetention.class);

    private final MongoTemplate mongo;
    private final AddonDocuments documents;
    private final SiteCalls installations;
    private final StorageMetrics metrics;
    private final StorageLimits limits;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "addon-storage-retention");
        thread.setDaemon(true);
        return thread;
    });

    StorageRetention(MongoTemplate mongo, AddonDocuments documents, SiteCalls installations, StorageMetrics metrics, StorageLimits limits,
            Clock clock) {
        this.mongo = mongo;
        this.documents = documents;
        this.installations = installations;
        this.metrics = metrics;
        this.limits = limits;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = limits.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Addon storage retention failed: {}", e.toString());
        }
    }

    /** One pass over every scope that holds data. */
    void run() {
        Instant now = clock.instant();
        for (Document usage : mongo.findAll(Document.class, StorageUsage.COLLECTION)) {
            StorageScope scope = new StorageScope(usage.getString("addon"), usage.getString("site"));
            Document mark = mongo.findById(scope.key(), Document.class, MARKS);
            if (installations.isInstalled(scope.site(), scope.addon())) {
                if (mark != null) {
                    mongo.remove(Query.query(Criteria.where("_id").is(scope.key())), MARKS);
                }
            } else if (mark == null) {
                mongo.insert(new Document("_id", scope.key()).append("deleteAfter", Date.from(now.plus(limits.retention()))), MARKS);
                log.info("Addon {} is no longer installed on site {}; its stored data is kept until {}", scope.addon(), scope.site(),
                        now.plus(limits.retention()));
            } else if (!mark.getDate("deleteAfter").toInstant().isAfter(now)) {
                long removed = documents.deleteAll(scope);
                mongo.remove(Query.query(Criteria.where("_id").is(scope.key())), MARKS);
                metrics.removed(scope);
                log.info("Deleted {} stored document(s) of addon {} on site {}: uninstalled longer than the retention of {}", removed,
                        scope.addon(), scope.site(), limits.retention());
            }
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
