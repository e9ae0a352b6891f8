package com.themepress.server.support;

/** Manifests used across tests; the short seed is the spec's, verbatim. */
public final class Manifests {

    public static final String SHORT_SEED = """
            { "name": "payment-gateway", "version": "1.0.0",
              "widgets": ["checkout", "payment-form", "receipt"],
              "endpoints": ["process-payment", "verify-transaction"] }
            """;

    private Manifests() {
    }

    /**
     * The manifest of an example addon ({@code examples/<name>/manifest.json}), as shipped: tests that
     * hold on to what the examples declare (which endpoints are public) read the real file.
     */
    public static String example(String name) {
        // Surefire runs in the module's directory; the examples sit beside it.
        java.nio.file.Path file = java.nio.file.Path.of("..", "examples", name, "manifest.json");
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("example manifest missing: " + file.toAbsolutePath(), e);
        }
    }

    public static String minimal(String name, String version) {
        return "{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}";
    }

    public static String withDependencies(String name, String version, String dependenciesJson) {
        return "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"dependencies\":" + dependenciesJson + "}";
    }

    public static String full(String name, String version, String dependenciesJson) {
        return """
                {
                  "name": "%s", "version": "%s",
                  "description": "Shows products and takes orders",
                  "author": "Acme Apps", "category": "ecommerce", "image": "themepress/addon-%s:%s",
                  "widgets": [
                    { "name": "product-card", "displayName": "Product card", "category": "display",
                      "configSchema": {
                        "$schema": "https://json-schema.org/draft/2020-12/schema",
                        "type": "object",
                        "properties": {
                          "title": { "type": "string", "default": "Our product" },
                          "columns": { "type": "integer", "minimum": 1, "maximum": 6, "default": 3 }
                        },
                        "additionalProperties": false
                      },
                      "responsive": true },
                    "mini-cart"
                  ],
                  "endpoints": [ { "name": "add-to-cart", "public": true,
                                   "inputSchema": { "type": "object", "required": ["sku"] } } ],
                  "events": { "publishes": ["cart.updated"], "subscribes": ["payment.completed"] },
                  "dependencies": %s,
                  "permissions": ["events.publish", "storage.read", "storage.write"],
                  "resources": { "memoryMb": 256, "cpus": 0.25, "timeoutMs": 5000, "minInstances": 1, "maxInstances": 3, "concurrency": 4 }
                }
                """.formatted(name, version, name, version, dependenciesJson);
    }
}
