package com.themepress.sdk;

/**
 * Receives events of a subscribed type. Returning acknowledges the delivery; throwing answers 500
 * so the platform retries later (with backoff, then dead-letters it).
 */
@FunctionalInterface
public interface EventHandler {

    void handle(Event event) throws Exception;
}
