package com.themepress.server.events.delivery;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.events.EventProperties;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.registry.RegistryChanged;
import com.themepress.server.registry.RegistryService;

import jakarta.annotation.PreDestroy;

/**
 * Keeps the delivery engine's subscribers equal to the registry's subscribing addons: at once on a
 * registry change (a registration's own replica creates the consumer group before the registration
 * answers; other replicas hear it by broadcast), and by a full pass at start and every {@code resync-interval}.
 */
@Component
class SubscriberSync {

    private static final Logger log = LoggerFactory.getLogger(SubscriberSync.class);
    private static final int PAGE = 100;

    private final RegistryService registry;
    private final EventPermissions permissions;
    private final DeliveryEngine engine;
    private final EventProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-subscriber-sync");
        thread.setDaemon(true);
        return thread;
    });

    SubscriberSync(RegistryService registry, EventPermissions permissions, DeliveryEngine engine, EventProperties properties) {
        this.registry = registry;
        this.permissions = permissions;
        this.engine = engine;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = properties.resyncInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::resyncAll, 0, interval, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void on(RegistryChanged change) {
        if (Boolean.FALSE.equals(change.subscriber()) && engine.subscriber(change.addon()) == null) {
            return; // neither subscribing now nor before: most registrations, and no manifest to read
        }
        refresh(change.addon());
    }

    void refresh(String addon) {
        try {
            AddonManifest manifest = registry.latestManifest(addon);
            if (permissions.isSubscriber(manifest)) {
                engine.subscribe(manifest);
            } else {
                engine.unsubscribe(addon);
            }
        } catch (PlatformException e) {
            if (e.problemType() == ProblemType.ADDON_NOT_FOUND || e.problemType() == ProblemType.VERSION_NOT_FOUND) {
                engine.unsubscribe(addon);
            } else {
                log.warn("Cannot refresh the subscriptions of {}: {}", addon, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Cannot refresh the subscriptions of {}: {}", addon, e.toString());
        }
    }

    void resyncAll() {
        try {
            Set<String> names = new HashSet<>();
            for (int page = 0; ; page++) {
                List<String> batch = registry.subscriberCandidates(page, PAGE);
                names.addAll(batch);
                batch.forEach(this::refresh);
                if (batch.size() < PAGE) {
                    break;
                }
            }
            engine.subscribers().stream().filter(name -> !names.contains(name)).forEach(engine::unsubscribe);
        } catch (RuntimeException e) {
            log.warn("Cannot rebuild the subscriber list from the registry: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
