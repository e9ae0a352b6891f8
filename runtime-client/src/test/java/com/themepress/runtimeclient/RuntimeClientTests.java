package com.themepress.runtimeclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.runtimeclient.testing.FakeRuntime.Call;
import com.themepress.testsupport.http.EndlessServer;

class RuntimeClientTests {

    static final byte[] BODY = "{\"amount\":5}".getBytes(StandardCharsets.UTF_8);
    static final byte[] SPEC = "{\"image\":\"themepress/addon-shop:1.0.0\"}".getBytes(StandardCharsets.UTF_8);
    static final RuntimeTarget SHOP = RuntimeTarget.of("shop", "1.0.0", 1_000, SPEC);

    final FakeRuntime runtime = new FakeRuntime();

    @AfterEach
    void stop() {
        runtime.close();
    }

    RuntimeClient client(String callMargin, String deployTimeout) {
        return client(runtime.url(), callMargin, deployTimeout, DataSize.ofMegabytes(2));
    }

    static RuntimeClient client(String url, String callMargin, String deployTimeout, DataSize maxAnswer) {
        return new RuntimeClient(new RuntimeClientProperties(URI.create(url), Duration.ofSeconds(2),
                Duration.parse("PT" + callMargin), Duration.parse("PT" + deployTimeout), Duration.ofMillis(250), maxAnswer));
    }

    RuntimeClient client() {
        return client("5S", "35S");
    }

    @Test
    void deploysOnA404WithoutInstanceIdAndSendsTheCallOnceMore() {
        runtime.executeAnswer("shop", "charge", "{\"ok\":true}");

        RuntimeAnswer answer = client().invoke(SHOP, "execute/charge", BODY, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(answer.instanceId()).isEqualTo(FakeRuntime.INSTANCE);
        assertThat(answer.isJson()).isTrue();
        assertThat(runtime.calls()).extracting(Call::line).containsExactly(
                "POST /runtime/deployments/shop/1.0.0/execute/charge",
                "PUT /runtime/deployments/shop/1.0.0",
                "POST /runtime/deployments/shop/1.0.0/execute/charge");
        assertThat(runtime.calls().get(1).body()).isEqualTo(SPEC);
        assertThat(runtime.calls().get(2).body()).isEqualTo(BODY);
    }

    @Test
    void aDeployedVersionIsCalledOnceWithoutDeployment() {
        RuntimeClient client = client();
        client.invoke(SHOP, "events", BODY, null);
        runtime.calls().clear();

        client.invoke(SHOP, "events", BODY, null);

        assertThat(runtime.calls()).extracting(Call::line).containsExactly("POST /runtime/deployments/shop/1.0.0/events");
    }

    @Test
    void theAddonsOwn404IsAnAnswerNotAReasonToDeploy() {
        runtime.on("shop", "execute/find", (call, count) -> new Answer(404, "application/json", "{\"found\":false}", true));

        RuntimeAnswer answer = client().invoke(SHOP, "execute/find", BODY, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.refusedByAddon()).isTrue();
        assertThat(runtime.calls()).extracting(Call::method).containsExactly("POST", "PUT", "POST");
    }

    @Test
    void deploysAndRetriesOnlyOnceWhenTheRuntimeStillDoesNotKnowTheVersion() {
        runtime.on("shop", "execute/charge", (call, count) -> Answer.problem(404, "not-found", "gone again"));

        RuntimeAnswer answer = client().invoke(SHOP, "execute/charge", BODY, null);

        assertThat(answer.unknownDeployment()).isTrue();
        assertThat(answer.retryable()).isTrue();
        assertThat(runtime.calls()).extracting(Call::method).containsExactly("POST", "PUT", "POST");
    }

    @Test
    void sendsTheRequestIdWhenThereIsOne() {
        RuntimeClient client = client();
        client.invoke(SHOP, "render/card", BODY, "req-42");
        client.invoke(SHOP, "render/card", BODY, null);

        assertThat(runtime.calls()).filteredOn(c -> c.method().equals("POST")).extracting(Call::requestId)
                .containsExactly("req-42", "req-42", null);
    }

    @Test
    void aRefusedDeploymentIsUpstreamFailedWithTheRuntimesDetail() {
        runtime.deployAnswer(Answer.problem(400, "invalid-request", "Image themepress/addon-shop:1.0.0 is not present"));

        assertThatThrownBy(() -> client().invoke(SHOP, "execute/charge", BODY, null))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_FAILED);
                    assertThat(e.getBody().getDetail()).isEqualTo(
                            "The runtime refused to deploy shop@1.0.0 (400) (Image themepress/addon-shop:1.0.0 is not present).");
                });
        assertThat(runtime.calls()).extracting(Call::method).containsExactly("POST", "PUT");
    }

    @Test
    void aCallWithoutAnswerWithinTheAddonsTimeoutPlusTheMarginIsUpstreamTimeout() {
        RuntimeClient client = client("0.1S", "35S");
        RuntimeTarget quick = RuntimeTarget.of("shop", "1.0.0", 100, SPEC);
        client.invoke(quick, "events", BODY, null); // deployed
        runtime.holdCalls();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.invoke(quick, "events", BODY, null))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT);
                    assertThat(e.getBody().getDetail()).isEqualTo("The addon runtime did not answer in time.");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aDeploymentThatTakesLongerThanTheDeployTimeoutIsUpstreamTimeout() {
        RuntimeClient client = client("5S", "0.2S");
        runtime.holdDeploys();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.invoke(SHOP, "events", BODY, null))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRuntimeNobodyListensForIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RuntimeClient client = client("http://127.0.0.1:" + closedPort, "5S", "35S", DataSize.ofMegabytes(2));

        assertThatThrownBy(() -> client.invoke(SHOP, "events", BODY, null))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UNAVAILABLE);
                    assertThat(e.getBody().getDetail()).isEqualTo("The addon runtime is not reachable; try again shortly.");
                });
    }

    @Test
    void theRuntimesOwnFailuresComeBackAsAnswers() {
        RuntimeClient client = client();
        client.invoke(SHOP, "render/card", BODY, null);
        runtime.down("shop", true);

        RuntimeAnswer answer = client.invoke(SHOP, "render/card", BODY, null);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.fromAddon()).isFalse();
        assertThatThrownBy(() -> answer.orThrow("Rendering shop/card"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_FAILED);
                    assertThat(e.getBody().getDetail()).isEqualTo("Rendering shop/card failed: the runtime answered 502 (no healthy instance).");
                });
    }

    @Test
    void callsAndDeploymentsCarryTheServiceKey() {
        runtime.requireServiceKey("runtime-client-test-key").executeAnswer("shop", "charge", "{\"ok\":true}");
        RuntimeClient client = new RuntimeClient(new RuntimeClientProperties(URI.create(runtime.url()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(35), Duration.ofMillis(250), DataSize.ofMegabytes(2)), new ServiceKeyProperties("runtime-client-test-key"));

        RuntimeAnswer answer = client.invoke(SHOP, "execute/charge", BODY, "req-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(runtime.calls()).extracting(Call::line).containsExactly(
                "POST /runtime/deployments/shop/1.0.0/execute/charge",
                "PUT /runtime/deployments/shop/1.0.0",
                "POST /runtime/deployments/shop/1.0.0/execute/charge");
    }

    @Test
    void withoutTheKeyARuntimeThatWantsOneLetsNothingIn() {
        runtime.requireServiceKey("runtime-client-test-key");

        RuntimeAnswer answer = client().invoke(SHOP, "execute/charge", BODY, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.fromAddon()).isFalse();
        assertThat(runtime.calls()).isEmpty();
    }

    @Test
    void everyCallTellsTheRuntimeItsBudgetTheTimeoutLessTheReplyAllowance() {
        client("5S", "35S").invoke(SHOP, "execute/charge", BODY, null);

        assertThat(runtime.calls()).filteredOn(call -> call.method().equals("POST"))
                .extracting(Call::budget).containsOnly(Long.toString(1_000 + 5_000 - 250));
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheLimitWith502NamingIt() {
        try (EndlessServer endless = EndlessServer.chunked(Map.of("Content-Type", "application/json", "X-Instance-Id", "i-1"))) {
            RuntimeClient client = client(endless.url(), "5S", "35S", DataSize.ofKilobytes(256));
            long started = System.nanoTime();

            assertThatThrownBy(() -> client.invoke(SHOP, "execute/charge", BODY, null))
                    .isInstanceOfSatisfying(PlatformException.class, e -> {
                        assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_FAILED);
                        assertThat(e.getBody().getDetail()).isEqualTo("The answer of shop@1.0.0 execute/charge is larger than "
                                + "the limit of 262144 bytes; reading stopped there.");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> endless.abandoned() == 1);
            assertThat(endless.written()).isLessThan(16L * 1024 * 1024);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        try (EndlessServer huge = EndlessServer.declaring(300L * 1024 * 1024, Map.of("Content-Type", "application/json"))) {
            RuntimeClient client = client(huge.url(), "5S", "35S", DataSize.ofMegabytes(2));

            assertThatThrownBy(() -> client.invoke(SHOP, "render/card", BODY, null, 1024))
                    .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.getBody().getDetail())
                            .contains("larger than the limit of 1024 bytes"));
        }
    }
}
