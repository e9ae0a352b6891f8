package com.themepress.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BoundedBodyTests {

    final AtomicBoolean cancelled = new AtomicBoolean();
    final AtomicLong requested = new AtomicLong();

    BodySubscriber<byte[]> subscribed(long limit, Map<String, List<String>> headers) {
        BodySubscriber<byte[]> subscriber = BoundedBody.subscriber(info(headers), limit);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        return subscriber;
    }

    @Test
    void bodyWithinTheLimitIsReadWhole() {
        BodySubscriber<byte[]> body = subscribed(10, Map.of());
        body.onNext(List.of(ByteBuffer.wrap("hello ".getBytes()), ByteBuffer.wrap("you".getBytes())));
        body.onNext(List.of(ByteBuffer.wrap("!".getBytes())));
        body.onComplete();
        assertThat(body.getBody().toCompletableFuture().join()).isEqualTo("hello you!".getBytes());
        assertThat(cancelled).isFalse();
    }

    @Test
    void bodyExactlyAtTheLimitIsAccepted() {
        BodySubscriber<byte[]> body = subscribed(3, Map.of("Content-Length", List.of("3")));
        body.onNext(List.of(ByteBuffer.wrap("abc".getBytes())));
        body.onComplete();
        assertThat(body.getBody().toCompletableFuture().join()).isEqualTo("abc".getBytes());
    }

    @Test
    void endlessBodyIsCutOffAtTheLimitAndTheSubscriptionCancelled() {
        BodySubscriber<byte[]> body = subscribed(100, Map.of());
        for (int i = 0; i < 10 && !cancelled.get(); i++) {
            body.onNext(List.of(ByteBuffer.allocate(30)));
        }
        assertThat(cancelled).isTrue();
        assertThat(body.getBody().toCompletableFuture()).isCompletedExceptionally();
        assertThat(body.getBody().toCompletableFuture().handle((ok, failure) -> BoundedBody.tooLarge(failure)).join())
                .hasValueSatisfying(tooLarge -> assertThat(tooLarge.limit()).isEqualTo(100));
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeReading() {
        BodySubscriber<byte[]> body = subscribed(100, Map.of("Content-Length", List.of("314572800")));
        assertThat(cancelled).isTrue();
        assertThat(requested).hasValue(0);
        assertThat(body.getBody().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void tooLargeIsFoundUnderTheClientsWrapping() {
        BoundedBody.TooLarge cause = new BoundedBody.TooLarge(5);
        assertThat(BoundedBody.tooLarge(new java.io.IOException("wrapped", cause))).containsSame(cause);
        assertThat(BoundedBody.tooLarge(new java.io.IOException("other"))).isEmpty();
    }

    private static ResponseInfo info(Map<String, List<String>> headers) {
        return new ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (name, value) -> true);
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

}
