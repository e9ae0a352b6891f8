package com.themepress.server.cluster;

/**
 * How a broadcast leaves this replica: a Redis pub/sub channel, sent on the event bus's fail-fast
 * connection so that a registration is not held up while Redis is away.
 */
public interface BroadcastTransport {

    /** The channel every replica listens on. */
    String channel();

    /**
     * Sends {@code message} to every listening replica; throws at once when Redis is unreachable.
     *
     * @return how many subscribers received it (this replica's own listener included when subscribed)
     */
    long send(String message);
}
