package com.themepress.server.cluster;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Broadcasts between replicas (cache invalidation and the like). In-process listeners use the same
 * API as remote ones: a plain Spring {@code @EventListener} for the {@link ClusterEvent} type.
 * Delivery is at most once, as Redis pub/sub is: a replica that is disconnected at the time misses
 * the message, so whatever a broadcast invalidates must also expire on its own (caches keep a TTL,
 * the registry catalogue reloads in full now and then).
 */
@Component
public class ClusterBroadcasts implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(ClusterBroadcasts.class);
    private static final String ALLOWED_PACKAGE = "com.themepress.";

    private final ApplicationEventPublisher local;
    private final BroadcastTransport transport;
    private final String origin = UUID.randomUUID().toString();

    ClusterBroadcasts(ApplicationEventPublisher local, BroadcastTransport transport) {
        this.local = local;
        this.transport = transport;
    }

    /** Tells listeners here (synchronously) and in every other replica (asynchronously, best effort). */
    public void publish(ClusterEvent event) {
        local.publishEvent(event);
        ObjectNode message = StrictJson.mapper().createObjectNode();
        message.put("origin", origin);
        message.put("type", event.getClass().getName());
        message.set("event", StrictJson.mapper().valueToTree(event));
        try {
            transport.send(StrictJson.mapper().writeValueAsString(message));
        } catch (RuntimeException e) {
            log.warn("{} reached this replica only; Redis is unreachable ({})", event, e.getMessage());
        }
    }

    String channel() {
        return transport.channel();
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        try {
            JsonNode json = StrictJson.mapper().readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            if (origin.equals(json.path("origin").asString())) {
                return; // our own, already delivered here
            }
            Class<?> type = broadcastType(json.path("type").asString());
            if (type == null) {
                log.warn("Ignoring a broadcast of unknown type '{}'", json.path("type").asString());
                return;
            }
            local.publishEvent(StrictJson.mapper().treeToValue(json.get("event"), type));
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable broadcast: {}", e.toString());
        }
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
