package com.themepress.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;
import com.themepress.testsupport.wasm.WasmTestModules;

class ModuleStoreTests {

    static final String SERVICE_KEY = "module-store-tests-service-key";

    final HttpFake addonServer = HttpFake.start();
    final List<Request> fetches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        addonServer.close();
    }

    ModuleStore store(byte[] served) {
        addonServer.route("/internal/modules/", request -> {
            fetches.add(request);
            return new Reply(200, java.util.Map.of("Content-Type", "application/wasm"), served);
        });
        return new ModuleStore(new WasmProperties(DataSize.ofKilobytes(512), URI.create(addonServer.url()), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), 2), new ServiceKeyProperties(SERVICE_KEY));
    }

    @Test
    void aModuleIsFetchedOnceWithTheServiceKeyAndThenServedFromMemory() {
        byte[] module = WasmTestModules.echo();
        ModuleStore store = store(module);
        String sha256 = ModuleStore.sha256(module);

        assertThat(store.fetch(sha256)).isEqualTo(module);
        assertThat(store.fetch(sha256)).isEqualTo(module);
        assertThat(fetches).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/internal/modules/" + sha256);
            assertThat(request.header(ServiceKeyProperties.HEADER)).isEqualTo(SERVICE_KEY);
        });
    }

    @Test
    void bytesThatDoNotHaveTheAskedHashAreRefused() {
        ModuleStore store = store(WasmTestModules.looping());
        String asked = ModuleStore.sha256(WasmTestModules.echo());

        assertThatThrownBy(() -> store.fetch(asked)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.problemType()).isEqualTo(ProblemType.UPSTREAM_FAILED);
            assertThat(e.getBody().getDetail()).contains("do not have that SHA-256");
        });
    }

    @Test
    void aModuleTheAddonServerDoesNotHaveIsAnUpstreamFailure() {
        ModuleStore store = new ModuleStore(new WasmProperties(DataSize.ofKilobytes(512), URI.create(addonServer.url()),
                Duration.ofSeconds(5), DataSize.ofMegabytes(1), 2), ServiceKeyProperties.NONE);

        assertThatThrownBy(() -> store.fetch("0".repeat(64))).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.getBody().getDetail()).contains("answered 404"));
    }
}
