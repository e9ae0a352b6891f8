package com.themepress.runtime.wasm;

/**
 * The host API as a module's host functions reach it, bound to one call (its token, its site). Takes
 * the function's name and its JSON request; answers JSON {@code {"status": ..., "body": ...}}, the
 * host API's status and body, so a refusal reaches the module as the container's SDK would see it.
 */
@FunctionalInterface
public interface HostBridge {

    byte[] call(String function, byte[] request);
}
