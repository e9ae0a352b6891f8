package com.themepress.server.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.wasm.WasmTestModules;

/**
 * A version's module: only its owner uploads it, only a module that keeps the contract, once; the
 * runtime is told to run it by SHA-256 and fetches the bytes by that hash.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.modules.max-size=64KB")
class ModuleUploadTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime().executeAnswer("counter", "add", "{\"count\":1}");
    static final String MODULE_MANIFEST = "{\"name\":\"counter\",\"version\":\"%s\",\"module\":\"counter.wasm\","
            + "\"endpoints\":[{\"name\":\"add\",\"public\":true}]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.close();
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    ApiClient api;
    String owner;

    private void register(String version) {
        api = new ApiClient(port);
        if (owner == null) {
            owner = api.developerKey("counter-dev");
        }
        Reply registered = api.post("/api/addons/register", MODULE_MANIFEST.formatted(version), owner);
        assertThat(registered.status()).as(registered.body()).isIn(201, 409);
    }

    private Reply upload(String version, byte[] module, String key) {
        return api.put("/api/addons/counter/versions/" + version + "/module", module, key, "application/wasm");
    }

    @Test
    void theOwnerUploadsOnceAndTheSameBytesAgainChangeNothing() throws Exception {
        register("1.0.0");
        byte[] module = WasmTestModules.echo();
        Reply created = upload("1.0.0", module, owner);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("sha256").asString()).isEqualTo(sha256(module));
        assertThat(upload("1.0.0", module, owner).status()).isEqualTo(200);

        Reply other = upload("1.0.0", WasmTestModules.answering("{}"), owner);
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(api.get("/api/addons/counter/versions/1.0.0/module").json().get("sha256").asString()).isEqualTo(sha256(module));
    }

    @Test
    void someoneElseMayNotUpload() {
        register("1.1.0");
        Reply refused = upload("1.1.0", WasmTestModules.echo(), api.developerKey("intruder"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(upload("1.1.0", WasmTestModules.echo(), null).status()).isEqualTo(401);
    }

    @Test
    void aModuleOutsideTheContractIsRefusedNamingWhatIsMissing() {
        register("1.2.0");
        Reply missing = upload("1.2.0", WasmTestModules.withoutEventHandler(), owner);
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("missing export 'handle_event'");
        Reply wasi = upload("1.2.0", WasmTestModules.importing("wasi_snapshot_preview1", "fd_write"), owner);
        assertThat(wasi.status()).isEqualTo(400);
        assertThat(wasi.json().get("detail").asString()).contains("wasi_snapshot_preview1.fd_write");
        assertThat(upload("1.2.0", "not a module".getBytes(), owner).status()).isEqualTo(400);
    }

    @Test
    void aModuleOverTheSizeLimitIs413() {
        register("1.3.0");
        Reply tooLarge = upload("1.3.0", WasmTestModules.answering("x".repeat(100_000)), owner);
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
    }

    @Test
    void anImageVersionTakesNoModule() {
        api = new ApiClient(port);
        String key = api.developerKey("imager");
        assertThat(api.post("/api/addons/register", "{\"name\":\"imaged\",\"version\":\"1.0.0\"}", key).status()).isEqualTo(201);
        Reply refused = api.put("/api/addons/imaged/versions/1.0.0/module", WasmTestModules.echo(), key, "application/wasm");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(api.post("/api/addons/register", "{\"name\":\"both\",\"version\":\"1.0.0\",\"image\":\"x/y:1\","
                + "\"module\":\"both.wasm\"}", key).status()).isEqualTo(400);
    }

    @Test
    void theRuntimeIsToldTheModuleAndFetchesItByHash() throws Exception {
        register("2.0.0");
        Reply early = api.post("/api/addons/counter/execute", "{\"action\":\"add\"}", null);
        assertThat(early.status()).as(early.body()).isEqualTo(503);

        byte[] module = WasmTestModules.echo();
        upload("2.0.0", module, owner);
        RUNTIME.forgetDeployments();
        Reply executed = api.post("/api/addons/counter/execute", "{\"action\":\"add\"}", null);
        assertThat(executed.status()).as(executed.body()).isEqualTo(200);
        FakeRuntime.Call deploy = RUNTIME.calls().stream().filter(c -> c.method().equals("PUT") && "2.0.0".equals(c.version()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(deploy.json().get("module").asString()).isEqualTo(sha256(module));
        assertThat(deploy.json().has("image")).isFalse();

        Reply fetched = api.get("/internal/modules/" + sha256(module));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).isEqualTo("application/wasm");
        assertThat(api.get("/internal/modules/" + "0".repeat(64)).status()).isEqualTo(404);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
