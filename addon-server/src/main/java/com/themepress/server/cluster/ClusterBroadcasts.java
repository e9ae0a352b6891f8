package com.themepress.server.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.stereotype.Component;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Broadcasts between replicas (cache invalidation and the like). In-process listeners use the same
 * API as remote ones: a plain Spring {@code @EventListener} for the {@link ClusterEvent} type.
 * Delivery is at most once, as Redis pub/sub is: a replica that is disconnected at the time misses
 * the message, so whatever a broadcast invalidates must also expire on its own (caches keep a TTL,
 * the registry catalogue reloads in full now and then). Each time this replica (re)subscribes it says
 * so locally with {@link BroadcastsResubscribed}, so a cache can also drop what it may have missed.
 *
 * <p>{@link #publishAndConfirm} also waits until every replica that received the broadcast has run its
 * listeners: for a change that must hold everywhere before the caller is answered (a key revocation).
 */
@Component
public class ClusterBroadcasts implements MessageListener, SubscriptionListener {

    private static final ThreadLocal<Boolean> FROM_ANOTHER_REPLICA = new ThreadLocal<>();

    private static final Logger log = LoggerFactory.getLogger(ClusterBroadcasts.class);
    private static final String ALLOWED_PACKAGE = "com.themepress.";

    private final ApplicationEventPublisher local;
    private final BroadcastTransport transport;
    private final String origin = UUID.randomUUID().toString();
    /** Confirmed broadcasts of ours still waiting, by their id: one permit per receiver that confirmed, this replica's echo included. */
    private final Map<String, Semaphore> awaiting = new ConcurrentHashMap<>();

    ClusterBroadcasts(ApplicationEventPublisher local, BroadcastTransport transport) {
        this.local = local;
        this.transport = transport;
    }

    /** Tells listeners here (synchronously) and in every other replica (asynchronously, best effort). */
    public void publish(ClusterEvent event) {
        local.publishEvent(event);
        try {
            transport.send(message(event, null));
        } catch (RuntimeException e) {
            log.warn("{} reached this replica only; Redis is unreachable ({})", event, e.getMessage());
        }
    }

    /**
     * Tells listeners here (synchronously) and in every other replica, then waits up to {@code wait} until
     * each replica that received it has run its listeners. False when Redis was unreachable or a replica
     * did not confirm in time: the caller then relies on what bounds a lost broadcast (TTLs, resyncs).
     */
    public boolean publishAndConfirm(ClusterEvent event, Duration wait) {
        local.publishEvent(event);
        String id = UUID.randomUUID().toString();
        Semaphore confirmations = new Semaphore(0);
        awaiting.put(id, confirmations); // before sending: a fast replica may confirm before PUBLISH returns
        try {
            // Redis answers how many subscribers it handed the message to; each confirms, this replica by its echo.
            long receivers = transport.send(message(event, id));
            if (confirmations.tryAcquire((int) Math.min(receivers, Integer.MAX_VALUE), wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            log.warn("{}: only {} of {} replicas confirmed it within {}", event, confirmations.availablePermits(), receivers, wait);
            return false;
        } catch (RuntimeException e) {
            log.warn("{} reached this replica only; Redis is unreachable ({})", event, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            awaiting.remove(id);
        }
    }

    private String message(ClusterEvent event, @Nullable String confirmId) {
        ObjectNode message = StrictJson.mapper().createObjectNode();
        message.put("origin", origin);
        message.put("type", event.getClass().getName());
        message.set("event", StrictJson.mapper().valueToTree(event));
        if (confirmId != null) {
            message.put("confirm", confirmId);
        }
        return StrictJson.mapper().writeValueAsString(message);
    }

    String channel() {
        return transport.channel();
    }

    /**
     * Whether the event a listener is handling right now was heard from another replica: a listener
     * that tells the world outside the replicas (the renderers) leaves that to the replica where the
     * change happened, instead of every replica repeating it.
     */
    public static boolean fromAnotherReplica() {
        return FROM_ANOTHER_REPLICA.get() != null;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        try {
            JsonNode json = StrictJson.mapper().readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            if (json.has("confirmed")) {
                if (origin.equals(json.path("to").asString())) {
                    confirmed(json.path("confirmed").asString());
                }
                return;
            }
            String confirm = json.hasNonNull("confirm") ? json.get("confirm").asString() : null;
            if (origin.equals(json.path("origin").asString())) {
                if (confirm != null) {
                    confirmed(confirm); // our own echo: this replica's listeners ran before it was sent
                }
                return; // our own, already delivered here
            }
            Class<?> type = broadcastType(json.path("type").asString());
            if (type == null) {
                log.warn("Ignoring a broadcast of unknown type '{}'", json.path("type").asString());
                return;
            }
            Object event = StrictJson.mapper().treeToValue(json.get("event"), type);
            FROM_ANOTHER_REPLICA.set(Boolean.TRUE);
            try {
                local.publishEvent(event);
            } finally {
                FROM_ANOTHER_REPLICA.remove();
            }
            if (confirm != null) {
                confirm(json.path("origin").asString(), confirm);
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable broadcast: {}", e.toString());
        }
    }

    private void confirmed(String id) {
        Semaphore confirmations = awaiting.get(id);
        if (confirmations != null) {
            confirmations.release();
        }
    }

    private void confirm(String to, String id) {
        ObjectNode message = StrictJson.mapper().createObjectNode();
        message.put("origin", origin);
        message.put("to", to);
        message.put("confirmed", id);
        try {
            transport.send(StrictJson.mapper().writeValueAsString(message));
        } catch (RuntimeException e) {
            log.warn("Could not confirm broadcast {}: Redis is unreachable ({})", id, e.getMessage());
        }
    }

    /** The listener container calls this on every subscription, the first and each one after a reconnect. */
    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        local.publishEvent(new BroadcastsResubscribed());
    }

    /** Only our own ClusterEvent types are ever instantiated from a message. */
    private static @Nullable Class<?> broadcastType(String name) {
        if (!name.startsWith(ALLOWED_PACKAGE)) {
            return null;
        }
        try {
            Class<?> type = Class.forName(name, false, ClusterBroadcasts.class.getClassLoader());
            return ClusterEvent.class.isAssignableFrom(type) ? type : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
