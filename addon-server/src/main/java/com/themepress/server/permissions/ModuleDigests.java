package com.themepress.server.permissions;

import java.util.Optional;

/** The SHA-256 of the WebAssembly module uploaded for an addon version, if one was (the {@code modules} feature answers). */
public interface ModuleDigests {

    Optional<String> sha256(String addon, String version);
}
