package com.themepress.gateway.cors;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.function.client.WebClient;

import com.themepress.model.service.ServiceKeyProperties;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The origins allowed now: the configured console origins plus every site's, read from the addon-server
 * every {@code refresh-interval} and held in memory, so a request costs one set lookup and no store
 * read. While the addon-server cannot be read the last list stays (at start: the console origins only).
 */
public final class AllowedOrigins implements SmartLifecycle {

    static final String PATH = "/internal/sites/origins";
    private static final Logger log = LoggerFactory.getLogger(AllowedOrigins.class);

    /** The addon-server's answer. */
    record SiteOrigins(List<String> origins) {
    }

    private final Set<String> console;
    private final WebClient addonServer;
    private final Duration refresh;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Set<String> allowed;
    private volatile @Nullable Disposable polling;

    AllowedOrigins(CorsProperties properties, WebClient addonServer) {
        this.console = Set.copyOf(properties.consoleOrigins());
        this.allowed = console;
        this.addonServer = addonServer;
        this.refresh = properties.refreshInterval();
    }

    static WebClient client(String baseUrl, ServiceKeyProperties serviceKey) {
        WebClient.Builder builder = WebClient.builder().baseUrl(baseUrl);
        serviceKey.key().ifPresent(key -> builder.defaultHeader(ServiceKeyProperties.HEADER, key));
        return builder.build();
    }

    public boolean allows(String origin) {
        return allowed.contains(origin);
    }

    /** Reads the site origins once; on failure keeps what it had. */
    Mono<Void> refresh() {
        return addonServer.get().uri(PATH).retrieve().bodyToMono(SiteOrigins.class)
                .timeout(refresh.plusSeconds(1))
                .doOnNext(answer -> {
                    Set<String> all = new HashSet<>(console);
                    all.addAll(answer.origins());
                    allowed = Set.copyOf(all);
                    if (failing.compareAndSet(true, false)) {
                        log.info("CORS: site origins read again ({} allowed)", all.size());
                    }
                })
                .onErrorResume(error -> {
                    if (failing.compareAndSet(false, true)) {
                        log.warn("CORS: cannot read site origins from the addon-server ({}); keeping {} known origins", error.toString(),
                                allowed.size());
                    }
                    return Mono.empty();
                })
                .then();
    }

    @Override
    public void start() {
        polling = Flux.interval(Duration.ZERO, refresh).onBackpressureDrop().concatMap(tick -> refresh(), 1).subscribe();
    }

    @Override
    public void stop() {
        Disposable running = polling;
        polling = null;
        if (running != null) {
            try {
                running.dispose();
            } catch (RuntimeException e) {
                // a refresh still in flight on event loops already shut down: nothing left to stop
                log.debug("CORS: stopping the origin refresh", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
