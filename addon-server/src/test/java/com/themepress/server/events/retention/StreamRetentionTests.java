package com.themepress.server.events.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.publishing.EventPublisher;
import com.themepress.server.events.streams.BacklogFullException;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.StreamEntry;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Retention against a real redis-server: trimming never removes what a group still needs (pending
 * or unread), settled entries go by age, length or memory, the bound refuses publishing instead of
 * dropping, and a subscriber past its own bound is paused.
 */
@RequiresRedisServer
class StreamRetentionTests {

    static final EventProperties EVENTS = EventProperties.defaults();
    static final String LOG = EVENTS.keyPrefix() + ":log";

    final MutableClock clock = new MutableClock(Instant.now());
    RedisServer redis;
    EventStreams streams;
    SimpleMeterRegistry meters;

    @BeforeEach
    void start() {
        redis = RedisServer.start(false);
        streams = new EventStreams(redis.uri(), null, EVENTS);
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        streams.close();
        redis.close();
    }

    static RetentionProperties bounds(long maxLength, long maxBacklog, long subscriberMaxBacklog) {
        return new RetentionProperties(Duration.ofHours(24), maxLength, maxBacklog, DataSize.ofMegabytes(64), subscriberMaxBacklog,
                Duration.ofMillis(50), Duration.ofSeconds(7), Duration.ofDays(30), 100_000, Duration.ofMinutes(1));
    }

    record Bus(EventPublisher publisher, StreamRetention retention, BacklogGate gate) {
    }

    Bus bus(RetentionProperties properties) {
        BacklogMetrics metrics = new BacklogMetrics(meters);
        BacklogGate gate = new BacklogGate(properties, metrics);
        EventPublisher publisher = new EventPublisher(streams, EVENTS, clock, new EventMetrics(meters), gate);
        return new Bus(publisher, new StreamRetention(streams, properties, gate, metrics, clock), gate);
    }

    String publish(Bus bus, int n) {
        return bus.publisher().publish("order.placed", "shop", null, JsonNodeFactory.instance.objectNode().put("n", n), "api").id();
    }

    RedisCommands<String, String> redis() {
        return redis.commands();
    }

    List<StreamMessage<String, String>> read(String group, int count) {
        return redis().xreadgroup(Consumer.from(EventStreams.group(group), "c"), XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.lastConsumed(LOG));
    }

    void ackAll(String group, List<StreamMessage<String, String>> entries) {
        redis().xack(LOG, EventStreams.group(group), entries.stream().map(StreamMessage::getId).toArray(String[]::new));
    }

    @Test
    void aGroupWithAnOldPendingEntryKeepsItWhileEverythingSettledIsTrimmed() {
        Bus bus = bus(bounds(10, 1000, 1000));
        streams.ensureGroup("slow");
        streams.ensureGroup("fast");
        for (int i = 0; i < 300; i++) {
            publish(bus, i);
        }
        List<StreamMessage<String, String>> held = read("slow", 1); // read, never acknowledged
        ackAll("slow", read("slow", 199)); // the next 199 settled
        ackAll("fast", read("fast", 300));
        clock.advance(Duration.ofHours(25)); // everything is older than max-age

        bus.retention().run();

        String pendingId = held.get(0).getId();
        assertThat(redis().xrange(LOG, Range.create(pendingId, pendingId))).as("the pending entry").hasSize(1);
        // settled behind the pending entry stay too (a trim point is one id); nothing unread by "slow" is touched
        assertThat(redis().xlen(LOG)).isEqualTo(300);
        assertThat(redis().xpending(LOG, EventStreams.group("slow")).getCount()).isEqualTo(1);

        ackAll("slow", held);
        bus.retention().run();

        assertThat(redis().xlen(LOG)).as("the 100 that slow has not read yet").isEqualTo(100);
        assertThat(read("slow", 1000)).hasSize(100);
        assertThat(meters.counter("event_stream_trimmed_total").count()).isEqualTo(200);
    }

    @Test
    void settledEntriesStayForTheLogUntilTheyAreOlderThanMaxAge() {
        Bus bus = bus(bounds(1000, 2000, 1000));
        streams.ensureGroup("email");
        for (int i = 0; i < 20; i++) {
            publish(bus, i);
        }
        ackAll("email", read("email", 20));

        bus.retention().run();
        assertThat(redis().xlen(LOG)).as("settled, but younger than max-age").isEqualTo(20);

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        bus.retention().run();
        assertThat(redis().xlen(LOG)).isZero();
    }

    @Test
    void anUnreadGroupHoldsTheStreamAndPublishingIsRefusedAtTheBoundWithoutDroppingAnything() {
        Bus bus = bus(bounds(10, 50, 1000));
        streams.ensureGroup("down");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(publish(bus, i));
        }
        clock.advance(Duration.ofDays(2));
        bus.retention().run();

        assertThatThrownBy(() -> publish(bus, 50)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.problemType()).isEqualTo(ProblemType.UNAVAILABLE);
            assertThat(e.getStatusCode().value()).isEqualTo(503);
            assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        });
        assertThat(redis().xlen(LOG)).isEqualTo(50);
        assertThat(read("down", 100)).extracting(m -> m.getBody().get("event"))
                .allSatisfy(json -> assertThat(ids).anySatisfy(id -> assertThat(json).contains(id))).hasSize(50);
        assertThat(meters.counter("events_refused_total", "reason", "entries").count()).isEqualTo(1);
        assertThat(meters.get("event_stream_full").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aSubscriberPastItsOwnBoundIsPausedAndAResumeIsNotUndoneAtOnce() {
        Bus bus = bus(bounds(10, 1000, 5));
        streams.ensureGroup("laggard");
        streams.ensureGroup("keeper");
        for (int i = 0; i < 6; i++) {
            publish(bus, i);
        }
        ackAll("keeper", read("keeper", 10));

        bus.retention().run();

        assertThat(streams.paused().all()).containsOnlyKeys("laggard");
        assertThat(streams.paused().all().get("laggard").backlog()).isEqualTo(6);
        assertThat(meters.get("event_subscriber_paused").tag("addon_id", "laggard").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("event_subscriber_paused").tag("addon_id", "keeper").gauge().value()).isZero();

        assertThat(streams.paused().resume("laggard", 6)).isTrue();
        publish(bus, 6);
        bus.retention().run();
        assertThat(streams.paused().all()).as("resumed at 6: paused again only past 6 + 5").isEmpty();

        for (int i = 7; i < 12; i++) {
            publish(bus, i);
        }
        ackAll("keeper", read("keeper", 10));
        bus.retention().run();
        assertThat(streams.paused().all()).containsOnlyKeys("laggard");
    }

    @Test
    void eventsOfAnExecuteThatRanArePublishedEvenAtTheBound() {
        Bus bus = bus(bounds(10, 10, 1000));
        streams.ensureGroup("down");
        for (int i = 0; i < 10; i++) {
            publish(bus, i);
        }
        bus.retention().run();

        assertThatThrownBy(() -> bus.gate().requireRoom()).isInstanceOf(PlatformException.class);
        streams.appendOnce(List.of(new StreamEntry(UUID.randomUUID().toString(), "order.placed", "shop", null, "{}")), Duration.ofMinutes(1));
        assertThat(redis().xlen(LOG)).isEqualTo(11);
    }

    @Test
    void aBatchThatDoesNotFitIsRefusedWhole() {
        Bus bus = bus(bounds(10, 12, 1000));
        streams.ensureGroup("down");
        for (int i = 0; i < 10; i++) {
            publish(bus, i);
        }
        assertThatThrownBy(() -> streams.appendAll(List.of(envelope(), envelope(), envelope()), List.of("{}", "{}", "{}"), 12))
                .isInstanceOf(BacklogFullException.class);
        assertThat(redis().xlen(LOG)).isEqualTo(10);
        streams.appendAll(List.of(envelope(), envelope()), List.of("{}", "{}"), 12);
        assertThat(redis().xlen(LOG)).isEqualTo(12);
    }

    static EventEnvelope envelope() {
        return new EventEnvelope(UUID.randomUUID().toString(), "order.placed", "shop",
                Clock.systemUTC().instant(), null, JsonNodeFactory.instance.objectNode());
    }
}
