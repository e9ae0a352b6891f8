package com.themepress.runtime.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.themepress.model.manifest.Resources;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Pool logic without an engine: round-robin, growth, queueing, reaping, replacement, rollout.
 * Time is fake: it stands still unless a test moves it, so a pool that waited when it should not
 * would hang, which the class timeout turns into a failure.
 */
@Timeout(30)
class InstancePoolTests {

    static final DeploymentKey KEY = new DeploymentKey("shop", "1.0.0");

    final FakeDriver driver = new FakeDriver();
    final FakeTicker ticker = new FakeTicker();
    final CountingListener listener = new CountingListener();
    final ExecutorService background = Executors.newCachedThreadPool();
    final ExecutorService callers = Executors.newCachedThreadPool();
    final PoolProperties props = PoolProperties.with(Map.of(
            "queue-timeout", "300ms",
            "start-timeout", "1s",
            "start-poll-interval", "5ms",
            "idle-timeout", "5m",
            "unhealthy-threshold", "3"));

    @AfterEach
    void stop() {
        background.shutdownNow();
        callers.shutdownNow();
    }

    static DeploymentSpec spec(int min, int max, int concurrency) {
        return spec(min, max, concurrency, "spec-" + min + "-" + max + "-" + concurrency);
    }

    static DeploymentSpec spec(int min, int max, int concurrency, String hash) {
        return new DeploymentSpec("img", new Resources(128, 0.5, 1000, min, max, concurrency), false, "{}", hash);
    }

    InstancePool pool(DeploymentSpec spec) {
        return new InstancePool(KEY, spec, driver, props, ticker, listener, background);
    }

    InstancePool warm(DeploymentSpec spec) {
        InstancePool pool = pool(spec);
        pool.ensureMin();
        assertThat(pool.awaitWarm(Duration.ofSeconds(5))).isEmpty();
        return pool;
    }

    /** Moves fake time in small steps until {@code done}: a thread may only now be going to sleep in it. */
    void advanceUntil(Duration step, Callable<Boolean> done) {
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).until(() -> {
            ticker.advance(step);
            return done.call();
        });
    }

    String call(InstancePool pool) {
        try (Lease lease = pool.acquire()) {
            return lease.instanceId();
        }
    }

    @Test
    void consecutiveCallsAlternateOverTwoReadyInstances() {
        InstancePool pool = warm(spec(2, 2, 4));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(call(pool));
        }
        assertThat(Set.copyOf(ids)).hasSize(2);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isNotEqualTo(ids.get(i - 1));
        }
    }

    @Test
    void warmPoolServesWithoutStartingAnything() {
        InstancePool pool = warm(spec(1, 3, 2));
        int launches = driver.launched.size();
        for (int i = 0; i < 10; i++) {
            call(pool);
        }
        assertThat(driver.launched).hasSize(launches);
        assertThat(listener.coldStarts).hasValue(0);
    }

    @Test
    void growsWhenEveryInstanceIsAtItsConcurrency() throws Exception {
        InstancePool pool = warm(spec(1, 2, 1));
        Lease first = pool.acquire();
        Lease second = callers.submit(() -> pool.acquire()).get(2, TimeUnit.SECONDS);
        assertThat(second.instanceId()).isNotEqualTo(first.instanceId());
        assertThat(driver.launched).hasSize(2);
        first.release();
        second.release();
    }

    @Test
    void queuesAtMaxInstancesAndRefusesWith503AndRetryAfter() {
        InstancePool pool = warm(spec(1, 1, 1));
        Lease held = pool.acquire();
        CompletableFuture<Lease> queued = CompletableFuture.supplyAsync(pool::acquire, callers);
        await().atMost(Duration.ofSeconds(2)).until(() -> pool.waiting() == 1);

        ticker.advance(Duration.ofMillis(299));
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !queued.isDone());
        ticker.advance(Duration.ofMillis(1));
        assertThat(queued).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UNAVAILABLE);
                    assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                });
        held.release();
    }

    @Test
    void queuedCallTakesTheSlotThatIsGivenBack() throws Exception {
        InstancePool pool = warm(spec(1, 1, 1));
        Lease held = pool.acquire();
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> call(pool), callers);
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !queued.isDone());
        held.release();
        assertThat(queued.get(1, TimeUnit.SECONDS)).isEqualTo(held.instanceId());
    }

    @Test
    void coldStartStartsOneInstanceAndWaitsForItsHealth() {
        InstancePool pool = pool(spec(0, 2, 4));
        assertThat(driver.launched).isEmpty();
        String id = call(pool);
        assertThat(driver.launched).containsExactly("c-" + id);
        assertThat(listener.coldStarts).hasValue(1);
    }

    @Test
    void coldStartFailsFastWith502WhenTheContainerCannotBeCreated() {
        driver.launchFailure = new IllegalStateException("image is broken");
        InstancePool pool = pool(spec(0, 2, 4));
        // Time stands still: a call that waited out its budget instead would never end.
        assertThat(CompletableFuture.supplyAsync(pool::acquire, callers)).failsWithin(Duration.ofSeconds(2))
                .withThrowableThat().havingCause().isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_FAILED);
                    assertThat(e.getBody().getDetail()).contains("image is broken");
                });
        assertThat(ticker.elapsed()).isZero();
    }

    @Test
    void instanceThatNeverAnswersHealthIsRemovedAfterTheStartTimeout() {
        driver.startsHealthy = false;
        InstancePool pool = pool(spec(0, 1, 4));
        CompletableFuture<Lease> call = CompletableFuture.supplyAsync(pool::acquire, callers);
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.launched.size() == 1);

        ticker.advance(Duration.ofMillis(900));
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !call.isDone());
        assertThat(pool.count(InstanceState.STARTING)).isEqualTo(1);
        advanceUntil(Duration.ofMillis(5), () -> listener.startFailures.get() == 1);
        assertThat(ticker.elapsed()).isGreaterThanOrEqualTo(props.startTimeout());
        assertThat(call).failsWithin(Duration.ofSeconds(2)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_FAILED);
                    assertThat(e.getBody().getDetail()).contains("no healthy /health answer");
                });
        // The failed instance is destroyed off the caller's thread, as the reaper's are.
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(driver.destroyed).containsExactlyElementsOf(driver.launched));
    }

    @Test
    void reaperRemovesInstancesIdleLongerThanTheIdleTimeoutDownToMin() throws Exception {
        InstancePool pool = warm(spec(1, 3, 1));
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(callers.submit(() -> pool.acquire()).get(2, TimeUnit.SECONDS));
        }
        assertThat(pool.count(InstanceState.READY)).isEqualTo(3);
        leases.forEach(Lease::release);

        ticker.advance(Duration.ofMinutes(4));
        assertThat(pool.reap()).isZero();
        ticker.advance(Duration.ofMinutes(2));
        assertThat(pool.reap()).isEqualTo(2);
        assertThat(pool.count(InstanceState.READY)).isEqualTo(1);
        assertThat(listener.reaps).hasValue(2);
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.destroyed.size() == 2);
    }

    @Test
    void reaperTakesAnIdlePoolWithMinZeroToNothing() {
        InstancePool pool = pool(spec(0, 2, 4));
        call(pool);
        ticker.advance(Duration.ofMinutes(6));
        assertThat(pool.reap()).isEqualTo(1);
        assertThat(pool.snapshot()).isEmpty();
    }

    @Test
    void busyInstanceIsNeverReaped() {
        InstancePool pool = pool(spec(0, 1, 4));
        Lease busy = pool.acquire();
        ticker.advance(Duration.ofHours(1));
        assertThat(pool.reap()).isZero();
        busy.release();
    }

    @Test
    void instanceFailingHealthThreeTimesIsReplaced() {
        InstancePool pool = warm(spec(1, 1, 4));
        String sick = call(pool);
        driver.unhealthy.add("c-" + sick);
        pool.checkHealth();
        pool.checkHealth();
        assertThat(listener.replacements).isEmpty();
        pool.checkHealth();
        await().atMost(Duration.ofSeconds(2)).until(() -> listener.replacements.contains("unhealthy"));
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
        assertThat(call(pool)).isNotEqualTo(sick);
        assertThat(driver.destroyed).contains("c-" + sick);
    }

    @Test
    void deadContainerIsReplacedAtOnce() {
        InstancePool pool = warm(spec(2, 2, 4));
        String victim = call(pool);
        pool.containerDied(new ContainerDeath("c-" + victim, "oom_killed", 137));
        assertThat(listener.replacements).containsExactly("oom_killed");
        assertThat(pool.snapshot()).extracting(InstanceView::id).doesNotContain(victim).hasSize(2);
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void crashLoopIsBackedOffInsteadOfRestartedAtOnce() {
        InstancePool pool = warm(spec(1, 1, 4));
        pool.containerDied(new ContainerDeath(driver.launched.get(0), "exited", 1));
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).as("the first quick death is replaced at once").isEmpty();
        pool.containerDied(new ContainerDeath(driver.launched.get(1), "exited", 1));
        assertThat(pool.snapshot()).isEmpty();

        ticker.advance(Duration.ofMillis(499));
        pool.ensureMin();
        assertThat(pool.snapshot()).as("a health round during the backoff starts nothing").isEmpty();
        ticker.advance(Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.launched.size() == 3);
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void timedOutInstanceIsRecycled() {
        InstancePool pool = warm(spec(1, 2, 4));
        Lease lease = pool.acquire();
        lease.recycle("timeout");
        assertThat(listener.replacements).containsExactly("timeout");
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.destroyed.contains("c-" + lease.instanceId()));
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
        assertThat(call(pool)).isNotEqualTo(lease.instanceId());
    }

    @Test
    void retryNeverPicksTheExcludedInstance() {
        InstancePool pool = warm(spec(2, 2, 4));
        String first = call(pool);
        for (int i = 0; i < 4; i++) {
            try (Lease lease = pool.acquire(Set.of(first))) {
                assertThat(lease.instanceId()).isNotEqualTo(first);
            }
        }
    }

    @Test
    void newSpecIsRolledOutWhileTheOldInstancesKeepServing() {
        InstancePool pool = warm(spec(1, 2, 4, "v1"));
        String old = call(pool);
        driver.startsHealthy = false;
        assertThat(pool.update(spec(1, 2, 4, "v2"))).isEqualTo(InstancePool.Update.REPLACED);
        assertThat(call(pool)).as("old instance serves while the new one starts").isEqualTo(old);

        driver.startsHealthy = true;
        driver.healAll();
        // The new instance polls /health every start-poll-interval of (fake) time.
        advanceUntil(props.startPollInterval(), () -> pool.awaitWarm(Duration.ZERO).isEmpty());
        String fresh = call(pool);
        assertThat(fresh).isNotEqualTo(old);
        assertThat(pool.snapshot()).extracting(InstanceView::specHash).containsOnly("v2");
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.destroyed.contains("c-" + old));
    }

    @Test
    void sameSpecAgainChangesNothing() {
        InstancePool pool = warm(spec(2, 2, 4, "v1"));
        assertThat(pool.update(spec(2, 2, 4, "v1"))).isEqualTo(InstancePool.Update.UNCHANGED);
        assertThat(driver.launched).hasSize(2);
    }

    @Test
    void oldInstanceBusyDuringRolloutFinishesItsCallFirst() {
        InstancePool pool = warm(spec(1, 1, 4, "v1"));
        Lease inFlight = pool.acquire();
        pool.update(spec(1, 1, 4, "v2"));
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
        assertThat(driver.destroyed).doesNotContain("c-" + inFlight.instanceId());
        inFlight.release();
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.destroyed.contains("c-" + inFlight.instanceId()));
    }

    @Test
    void closingThePoolAnswersWaitingCallsWith404AndRemovesContainers() throws Exception {
        InstancePool pool = warm(spec(1, 1, 1));
        Lease held = pool.acquire();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> call(pool), callers);
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !waiting.isDone());
        pool.close();
        assertThat(waiting).failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.NOT_FOUND));
        held.release();
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.destroyed.size() == 1);
    }

    @Test
    void burstOfCallersStartsOnlyAsManyInstancesAsItNeeds() throws Exception {
        InstancePool pool = pool(spec(0, 4, 8));
        List<CompletableFuture<Lease>> leases = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            leases.add(CompletableFuture.supplyAsync(pool::acquire, callers));
        }
        for (CompletableFuture<Lease> lease : leases) {
            lease.get(2, TimeUnit.SECONDS).release();
        }
        assertThat(driver.launched).hasSize(1);
    }
}
