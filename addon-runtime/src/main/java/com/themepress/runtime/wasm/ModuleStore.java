package com.themepress.runtime.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;

/**
 * Module bytes by SHA-256: fetched from the addon-server's {@code /internal/modules/{sha256}} with the
 * service key, checked against the hash they were asked by (so neither the network nor the store can
 * swap a module) and kept in memory, least recently used dropped first.
 */
@Component
public class ModuleStore {

    public static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final WasmProperties props;
    private final ServiceKeyProperties serviceKey;
    private final HttpClient http;
    private final Map<String, byte[]> cache;

    public ModuleStore(WasmProperties props, ServiceKeyProperties serviceKey) {
        this.props = props;
        this.serviceKey = serviceKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(props.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
        int capacity = props.cachedModules();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The module whose SHA-256 is {@code sha256}; 502 when the addon-server cannot give it. */
    public byte[] fetch(String sha256) {
        synchronized (cache) {
            byte[] cached = cache.get(sha256);
            if (cached != null) {
                return cached;
            }
        }
        byte[] bytes = download(sha256);
        synchronized (cache) {
            cache.put(sha256, bytes);
        }
        return bytes;
    }

    /** Puts bytes in the cache as if fetched (tests, and a runtime given a module by hand). */
    public void preload(byte[] bytes) {
        synchronized (cache) {
            cache.put(sha256(bytes), bytes);
        }
    }

    private byte[] download(String sha256) {
        URI target = props.moduleSource().resolve("/internal/modules/" + sha256);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(props.fetchTimeout()).GET();
        serviceKey.key().ifPresent(key -> request.header(ServiceKeyProperties.HEADER, key));
        try {
            HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    throw unavailable(sha256, "the addon-server answered " + answer.statusCode());
                }
                long limit = props.maxModuleSize().toBytes();
                byte[] bytes = body.readNBytes((int) limit + 1);
                if (bytes.length > limit) {
                    throw unavailable(sha256, "it is over themepress.runtime.wasm.max-module-size (" + limit + " bytes)");
                }
                if (!sha256(bytes).equals(sha256)) {
                    throw unavailable(sha256, "the bytes received do not have that SHA-256");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw unavailable(sha256, "the addon-server cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(sha256, "interrupted");
        }
    }

    private static PlatformException unavailable(String sha256, String why) {
        return new PlatformException(ProblemType.UPSTREAM_FAILED, "Module " + sha256 + " could not be fetched: " + why + ".");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
