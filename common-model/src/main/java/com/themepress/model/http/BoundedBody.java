package com.themepress.model.http;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads an answer body into a byte array, but never more than a limit: a body that declares a larger
 * Content-Length is refused before any of it is read, and one that grows past the limit (chunked,
 * endless) is cut off there. Either way the subscription is cancelled, which makes the JDK client
 * close the connection, and the call fails with {@link TooLarge}. A body within the limit costs what
 * {@code BodyHandlers.ofByteArray()} costs: the received buffers are kept and copied once into the
 * result.
 */
public final class BoundedBody {

    /** The largest byte array a JVM reliably allocates. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private BoundedBody() {
    }

    /** A handler for {@code HttpClient.send}; on a body over {@code limit} bytes the send throws an IOException caused by {@link TooLarge}. */
    public static BodyHandler<byte[]> upTo(long limit) {
        if (limit < 0 || limit > MAX_ARRAY) {
            throw new IllegalArgumentException("limit must be 0 to " + MAX_ARRAY + " bytes");
        }
        return info -> subscriber(info, limit);
    }

    /**
     * As {@link #upTo(long)}, and the body must also be whole by {@code deadline} ({@link System#nanoTime()}
     * terms): a request's own timeout ends with the headers, so an answer that sends them and then
     * trickles its body would hold the caller for as long as it likes. At the deadline the send throws
     * {@link HttpTimeoutException} and the connection is closed. With {@code HttpClient.send} the body
     * is still read on the client's own thread, without the executor hops of {@code sendAsync}.
     */
    public static BodyHandler<byte[]> upTo(long limit, long deadline, ScheduledExecutorService timer) {
        if (limit < 0 || limit > MAX_ARRAY) {
            throw new IllegalArgumentException("limit must be 0 to " + MAX_ARRAY + " bytes");
        }
        return info -> {
            Limited body = (Limited) subscriber(info, limit);
            body.deadline = deadline;
            body.timer = timer;
            return body;
        };
    }

    /** The {@link TooLarge} among {@code failure}'s causes (the JDK client wraps it once more in {@code send}). */
    public static Optional<TooLarge> tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    static BodySubscriber<byte[]> subscriber(ResponseInfo info, long limit) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Limited(limit, declared > limit);
    }

    /** The answer was longer than the limit; reading stopped there. */
    public static final class TooLarge extends IOException {

        private final long limit;

        TooLarge(long limit) {
            super("The answer is larger than the limit of " + limit + " bytes.");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class Limited implements BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<ByteBuffer> received = new ArrayList<>();
        private final long limit;
        private final boolean refused;
        private Flow.Subscription subscription;
        private long size;
        private long deadline;
        private ScheduledExecutorService timer;

        Limited(long limit, boolean refused) {
            this.limit = limit;
            this.refused = refused;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (refused) {
                stop();
                return;
            }
            if (timer != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    late();
                    return;
                }
                ScheduledFuture<?> alarm = timer.schedule(this::late, left, TimeUnit.NANOSECONDS);
                result.whenComplete((body, failure) -> alarm.cancel(false));
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                size += item.remaining();
            }
            if (size > limit) {
                received.clear();
                stop();
                return;
            }
            received.addAll(items);
        }

        @Override
        public void onError(Throwable failure) {
            received.clear();
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            if (result.isDone()) {
                return;
            }
            byte[] body = new byte[(int) size];
            int at = 0;
            for (ByteBuffer item : received) {
                int n = item.remaining();
                item.get(body, at, n);
                at += n;
            }
            received.clear();
            result.complete(body);
        }

        private void late() {
            if (result.completeExceptionally(new HttpTimeoutException("the answer was not whole by the caller's deadline"))) {
                subscription.cancel();
            }
        }

        /** Fails first, then cancels: the cancel makes the client fail the exchange too, and the reason must be ours. */
        private void stop() {
            result.completeExceptionally(new TooLarge(limit));
            subscription.cancel();
        }
    }
}
