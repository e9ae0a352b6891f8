package com.themepress.server.events.delivery;

/** The engine's threads are daemons: a replica shutting down does not wait for a blocked read. */
final class Threads {

    private Threads() {
    }

    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
