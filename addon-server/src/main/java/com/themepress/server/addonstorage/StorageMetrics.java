package com.themepress.server.addonstorage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code addon_storage_bytes{addon_id}}: what each addon stores, over all its sites, as this replica
 * last read it after a write (a site label would grow with every site; the admin read gives one site's).
 */
@Component
class StorageMetrics {

    private final MeterRegistry meters;
    private final StorageUsage usage;
    private final Map<StorageScope, Long> bytesByScope = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytesByAddon = new ConcurrentHashMap<>();

    StorageMetrics(MeterRegistry meters, StorageUsage usage) {
        this.meters = meters;
        this.usage = usage;
    }

    void changed(StorageScope scope) {
        bytesByScope.put(scope, usage.of(scope).bytes());
        long total = bytesByScope.entrySet().stream().filter(e -> e.getKey().addon().equals(scope.addon())).mapToLong(Map.Entry::getValue).sum();
        bytesByAddon.computeIfAbsent(scope.addon(), addon -> {
            AtomicLong gauge = new AtomicLong();
            Gauge.builder("addon.storage.bytes", gauge, AtomicLong::get).description("Bytes an addon keeps in storage, all sites")
                    .baseUnit("bytes").tag("addon_id", addon).register(meters);
            return gauge;
        }).set(total);
    }

    void removed(StorageScope scope) {
        bytesByScope.remove(scope);
        AtomicLong gauge = bytesByAddon.get(scope.addon());
        if (gauge != null) {
            gauge.set(bytesByScope.entrySet().stream().filter(e -> e.getKey().addon().equals(scope.addon())).mapToLong(Map.Entry::getValue).sum());
        }
    }
}
