package com.themepress.runtime.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * A deployment's share of the runtime: at most {@code min(concurrency x maxInstances,
 * max-calls-per-deployment)} calls running and {@code max-queue} waiting, the rest refused at once;
 * and no call waits past its caller's deadline. Fake time: a refusal that waited would hang.
 */
@Timeout(30)
class BulkheadTests {

    final FakeDriver driver = new FakeDriver();
    final FakeTicker ticker = new FakeTicker();
    final CountingListener listener = new CountingListener();
    final ExecutorService background = Executors.newCachedThreadPool();
    final ExecutorService callers = Executors.newCachedThreadPool();
    final List<Lease> held = new ArrayList<>();

    @AfterEach
    void stop() {
        held.forEach(Lease::release);
        background.shutdownNow();
        callers.shutdownNow();
    }

    InstancePool warm(DeploymentSpec spec, String maxQueue, String maxCalls) {
        PoolProperties props = PoolProperties.with(Map.of("queue-timeout", "300ms", "start-timeout", "1s",
                "start-poll-interval", "5ms", "max-queue", maxQueue, "max-calls-per-deployment", maxCalls));
        InstancePool pool = new InstancePool(InstancePoolTests.KEY, spec, driver, props, ticker, listener, background);
        pool.ensureMin();
        assertThat(pool.awaitWarm(Duration.ofSeconds(5))).isEmpty();
        return pool;
    }

    Lease hold(InstancePool pool) {
        Lease lease = pool.acquire();
        held.add(lease);
        return lease;
    }

    @Test
    void aCallBeyondTheBulkheadAndItsQueueIsRefusedAtOnceWith503AndRetryAfter() {
        InstancePool pool = warm(InstancePoolTests.spec(1, 1, 1), "1", "48");
        hold(pool);
        CompletableFuture<Lease> queued = CompletableFuture.supplyAsync(pool::acquire, callers);
        await().atMost(Duration.ofSeconds(2)).until(() -> pool.waiting() == 1);

        assertThatThrownBy(pool::acquire).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.problemType()).isEqualTo(ProblemType.UNAVAILABLE);
            assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(e.getBody().getDetail()).contains("at its share of the runtime (1 calls running and 1 more waiting): 1 running, 1 waiting");
        });
        assertThat(listener.rejections).containsExactly(Admission.REJECTED_QUEUE_FULL);
        assertThat(ticker.elapsed()).isZero();
        queued.cancel(true);
    }

    @Test
    void theRuntimesCeilingCapsADeploymentWhoseSpecAsksForMore() {
        InstancePool pool = warm(InstancePoolTests.spec(2, 2, 4), "0", "3");
        Set<String> instances = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            instances.add(hold(pool).instanceId());
        }
        assertThat(pool.running()).isEqualTo(3);

        assertThatThrownBy(pool::acquire).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNAVAILABLE));
        assertThat(instances).hasSize(2);
    }

    @Test
    void aSlotGivenBackIsTakenAgainAndTheCountsFollow() throws Exception {
        InstancePool pool = warm(InstancePoolTests.spec(1, 1, 2), "0", "48");
        Lease first = pool.acquire();
        Lease second = pool.acquire();
        assertThat(pool.running()).isEqualTo(2);
        first.release();
        first.release();
        assertThat(pool.running()).isEqualTo(1);
        Lease third = callers.submit(() -> pool.acquire()).get(2, TimeUnit.SECONDS);
        second.release();
        third.release();
        assertThat(pool.running()).isZero();
    }

    @Test
    void aQueuedCallGivesUpAtTheCallersDeadlineWith504BeforeTheQueueTimeout() {
        InstancePool pool = warm(InstancePoolTests.spec(1, 1, 1), "4", "48");
        hold(pool);
        long deadline = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        CompletableFuture<Lease> queued = CompletableFuture.supplyAsync(() -> pool.acquire(Set.of(), deadline), callers);
        await().atMost(Duration.ofSeconds(2)).until(() -> pool.waiting() == 1);

        ticker.advance(Duration.ofMillis(99));
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !queued.isDone());
        ticker.advance(Duration.ofMillis(1));
        assertThat(queued).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT));
        assertThat(listener.rejections).containsExactly(Admission.REJECTED_DEADLINE);
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void aColdStartAlsoWaitsNoLongerThanTheCallersDeadline() {
        PoolProperties props = PoolProperties.with(Map.of("queue-timeout", "300ms", "start-timeout", "30s",
                "start-poll-interval", "5ms"));
        driver.startsHealthy = false;
        InstancePool pool = new InstancePool(InstancePoolTests.KEY, InstancePoolTests.spec(0, 1, 1), driver, props, ticker,
                listener, background);
        long deadline = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        CompletableFuture<Lease> cold = CompletableFuture.supplyAsync(() -> pool.acquire(Set.of(), deadline), callers);
        await().atMost(Duration.ofSeconds(2)).until(() -> pool.waiting() == 1);

        ticker.advance(Duration.ofMillis(500));
        assertThat(cold).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT));
    }
}
