package com.themepress.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Sends the counts to Redis in batches: while one script call is out, the counts that arrive wait, and
 * its answer sends them all as the next call ({@code limits/token-buckets.lua} walks its keys in order,
 * atomically). A lone request goes out at once, so batching adds no wait when the gateway is quiet; under
 * load one call carries many counts, and the per-command cost (encoding, a Redis script run, two system
 * calls each side) is paid once per batch instead of once per request. Each count still gets its own
 * exact answer, whichever replica sent it: Redis runs one replica's batch after another's.
 */
final class BatchingCounter {

    /** A count's answer: {allowed 1|0, remaining, ms until full, ms until the next request is allowed}. */
    static final int ANSWER_LENGTH = 4;

    private final BucketScript script;
    private final Clock clock;
    private final Duration timeout;
    private final int maxBatch;
    private final int maxWaiting;
    private final DistributionSummary batchSizes;
    private final ArrayDeque<Count> waiting = new ArrayDeque<>();
    /** Guarded by {@code this}: whether a batch is out. One at a time, so the waiting ones gather into the next. */
    private boolean sending;

    BatchingCounter(BucketScript script, Clock clock, Duration timeout, int maxBatch, int maxWaiting, MeterRegistry meters) {
        this.script = script;
        this.clock = clock;
        this.timeout = timeout;
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.batchSizes = DistributionSummary.builder("gateway.rate.limit.batch")
                .description("Counts sent to Redis in one script call").register(meters);
    }

    /**
     * One request against {@code key}'s bucket. Fails when too many counts wait already, or when Redis does
     * not answer its batch (or the batch ahead of it) within the timeout: at most twice the timeout, with no
     * timer per count.
     */
    Mono<long[]> count(String key, long intervalMillis, int burst) {
        return Mono.create(sink -> submit(new Count(key, intervalMillis, burst, sink)));
    }

    private void submit(Count count) {
        List<Count> batch;
        synchronized (this) {
            if (waiting.size() >= maxWaiting) {
                batch = null;
            } else {
                waiting.add(count);
                batch = sending ? List.of() : take();
            }
        }
        if (batch == null) {
            count.sink().error(new IllegalStateException(maxWaiting + " counts already wait for Redis"));
        } else if (!batch.isEmpty()) {
            send(batch);
        }
    }

    /** Under the lock: the next batch from the waiting counts, marking it out; empty when none wait. */
    private List<Count> take() {
        int size = Math.min(waiting.size(), maxBatch);
        sending = size > 0;
        List<Count> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void send(List<Count> batch) {
        batchSizes.record(batch.size());
        List<String> keys = new ArrayList<>(batch.size());
        List<String> args = new ArrayList<>(1 + 2 * batch.size());
        args.add(Long.toString(clock.millis()));
        for (Count count : batch) {
            keys.add(count.key());
            args.add(Long.toString(count.intervalMillis()));
            args.add(Integer.toString(count.burst()));
        }
        try {
            script.run(keys, args).toCompletableFuture()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((answer, error) -> {
                        if (error != null) {
                            failed(batch, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                        } else {
                            sendNext();
                            answer(batch, answer);
                        }
                    });
        } catch (RuntimeException thrownBeforeSending) {
            // nothing is out now: without this the counter would stay "sending" and every later count would wait for good
            failed(batch, thrownBeforeSending);
        }
    }

    private void failed(List<Count> batch, Throwable error) {
        failWaiting(error);
        batch.forEach(count -> count.sink().error(error));
    }

    /** The next batch goes out before this one's answers are handed on, so Redis works while they are. */
    private void sendNext() {
        List<Count> next;
        synchronized (this) {
            next = take();
        }
        if (!next.isEmpty()) {
            send(next);
        }
    }

    /**
     * Redis did not answer a batch in time (or failed it): the counts waiting behind it would go to the
     * same Redis, so they fail now too rather than each batch of them waiting out its own timeout. So no
     * count waits longer than twice the timeout, and a stalled Redis costs each request at most that
     * before it fails open. The next count starts afresh.
     */
    private void failWaiting(Throwable error) {
        List<Count> failed;
        synchronized (this) {
            failed = new ArrayList<>(waiting);
            waiting.clear();
            sending = false;
        }
        failed.forEach(count -> count.sink().error(error));
    }

    private static void answer(List<Count> batch, List<Object> values) {
        if (values == null || values.size() != batch.size() * ANSWER_LENGTH) {
            IllegalStateException wrong = new IllegalStateException("Redis answered " + (values == null ? 0 : values.size()) + " numbers for " + batch.size() + " counts");
            batch.forEach(count -> count.sink().error(wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            long[] answer = new long[ANSWER_LENGTH];
            for (int j = 0; j < ANSWER_LENGTH; j++) {
                answer[j] = number(values.get(i * ANSWER_LENGTH + j));
            }
            batch.get(i).sink().success(answer);
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private record Count(String key, long intervalMillis, int burst, MonoSink<long[]> sink) {
    }
}
