package com.themepress.server.keys;

/**
 * Who is calling, as established from the API key.
 *
 * @param developer the developer id that owns the key; {@code null} for the admin
 * @param admin     whether the operator's admin key was used
 */
public record Caller(String developer, boolean admin) {

    static Caller administrator() {
        return new Caller(null, true);
    }
}
