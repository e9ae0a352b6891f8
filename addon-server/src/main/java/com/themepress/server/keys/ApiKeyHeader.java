package com.themepress.server.keys;

/** The header that carries an API key on every authenticated call. */
public final class ApiKeyHeader {

    public static final String NAME = "X-API-Key";

    private ApiKeyHeader() {
    }
}
