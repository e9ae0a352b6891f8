package com.themepress.server.events.delivery;

/** Whether the engine still reads and settles; shared by its parts. */
final class RunState {

    private volatile boolean running = true;
    private volatile boolean halted;

    boolean running() {
        return running;
    }

    /** Stopped the way a crash would: outcomes of deliveries in flight are not recorded. */
    boolean halted() {
        return halted;
    }

    void stop() {
        running = false;
    }

    void halt() {
        halted = true;
        running = false;
    }
}
