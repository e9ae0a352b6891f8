package com.themepress.model.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every service imports to give memory back when idle ({@code themepress.memory.idle-trim.*}):
 * one daemon thread looks at the collectors every {@code check-every}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdleTrimProperties.class)
@ConditionalOnBooleanProperty(name = "themepress.memory.idle-trim.enabled", matchIfMissing = true)
public class IdleTrimConfiguration {

    @Bean
    IdleTrimSchedule idleTrimSchedule(IdleTrimProperties properties, MeterRegistry meters) {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        IdleTrim trim = new IdleTrim(properties.idleAfter(), properties.quietCollections(),
                () -> collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum(),
                new HeapTrim(meters, properties.minHeapFreeRatio(), properties.maxHeapFreeRatio()));
        return new IdleTrimSchedule(trim, properties);
    }

    /**
     * The thread that runs the checks; stopped with the context. One per JVM: the collection count is the
     * JVM's, and two schedules (test contexts side by side) would each take the other's trim for work.
     */
    static final class IdleTrimSchedule implements DisposableBean {

        private static final AtomicBoolean ACTIVE = new AtomicBoolean();
        private static final Logger log = LoggerFactory.getLogger(IdleTrimSchedule.class);

        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idle-trim");
            thread.setDaemon(true);
            return thread;
        });

        private final boolean owner;

        IdleTrimSchedule(IdleTrim trim, IdleTrimProperties properties) {
            this.owner = ACTIVE.compareAndSet(false, true);
            if (owner) {
                long every = properties.checkEvery().toMillis();
                scheduler.scheduleWithFixedDelay(() -> check(trim), every, every, TimeUnit.MILLISECONDS);
            }
        }

        private static void check(IdleTrim trim) {
            try {
                trim.check(System.nanoTime());
            } catch (RuntimeException e) {
                // a failed look must not end the schedule
                log.warn("Idle memory trim failed: {}", e.toString());
            }
        }

        @Override
        public void destroy() {
            scheduler.shutdownNow();
            if (owner) {
                ACTIVE.set(false);
            }
        }
    }
}
