package com.themepress.renderer.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.benmanes.caffeine.cache.Ticker;
import com.themepress.renderer.WidgetRendererApplication;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A widget-renderer started in this JVM on a random port, as a real process would be configured
 * (properties on the command line); closing it is a renderer restart or shutdown.
 */
public final class Renderer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;
    private final String base;

    private Renderer(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Cache time is {@code clock}'s monotonic reading: the test advances it instead of waiting for a TTL. */
    public static Renderer start(Map<String, String> properties, MutableClock clock) {
        Ticker ticker = clock::nanoTime;
        List<String> args = new ArrayList<>();
        if (!properties.containsKey("server.port")) {
            args.add("--server.port=0");
        }
        args.add("--spring.main.banner-mode=off");
        args.add("--management.defaults.metrics.export.enabled=true");
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WidgetRendererApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("cacheTicker", ticker))
                .run(args.toArray(String[]::new));
        return new Renderer(context);
    }

    public static Map<String, String> properties(RedisServer redis, FakeUpstreams upstreams) {
        return Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.upstreams.addon-server", upstreams.url(), "themepress.runtime-client.url", upstreams.runtimeUrl());
    }

    public String url() {
        return base;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public double counter(String name, String... tags) {
        var counter = context.getBean(MeterRegistry.class).find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
