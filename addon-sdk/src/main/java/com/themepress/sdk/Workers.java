package com.themepress.sdk;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool behind the HTTP server. Bounded in threads and queue so a flood of calls costs a
 * fixed amount of memory; beyond the queue the JDK server closes the new connection, which the
 * platform reports as a failed call it may retry on another instance.
 */
final class Workers {

    private Workers() {
    }

    static ExecutorService bounded(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                task -> {
                    // daemon: the server's own dispatcher thread is what keeps the JVM alive
                    Thread thread = new Thread(task, "addon-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        // Started up front and kept: a handler that exhausts the process's threads (a pids limit
        // reached) must not also leave the server unable to staff the next call, /health included.
        pool.prestartAllCoreThreads();
        return pool;
    }
}
