package com.themepress.model.redis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The thread that runs a pub/sub container's listeners. Spring Data Redis's default starts a new
 * thread for every message: under a burst of registry changes that was thousands of threads a
 * minute. One daemon thread per container is enough for listeners that only drop cache entries,
 * and it keeps the messages in the order Redis sent them.
 */
public final class ListenerThreads {

    private ListenerThreads() {
    }

    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
