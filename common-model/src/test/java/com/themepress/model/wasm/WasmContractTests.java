package com.themepress.model.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.themepress.testsupport.wasm.WasmTestModules;

class WasmContractTests {

    @Test
    void aModuleWithEveryExportAndOnlyHostImportsPasses() {
        assertThat(WasmContract.check(WasmTestModules.echo()).problems()).isEmpty();
        assertThat(WasmContract.check(WasmTestModules.hostCaller("storage_get", "{}")).valid()).isTrue();
    }

    @Test
    void aMissingExportIsNamed() {
        assertThat(WasmContract.check(WasmTestModules.withoutEventHandler()).problems())
                .singleElement().asString().startsWith("missing export 'handle_event'");
    }

    @Test
    void anImportBeyondTheHostFunctionsIsRefused() {
        assertThat(WasmContract.check(WasmTestModules.importing("wasi_snapshot_preview1", "fd_write")).problems())
                .singleElement().asString().contains("unknown import 'wasi_snapshot_preview1.fd_write'");
    }

    @Test
    void bytesThatAreNoModuleAreRefused() {
        WasmContract.Checked checked = WasmContract.check("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(checked.valid()).isFalse();
        assertThat(checked.problems()).singleElement().asString().startsWith("not a valid WebAssembly module");
    }

    @Test
    void anAnswerIsPackedAsPointerAndLength() {
        long packed = WasmContract.pack(70_000, 3_000_000);
        assertThat(WasmContract.pointer(packed)).isEqualTo(70_000);
        assertThat(WasmContract.length(packed)).isEqualTo(3_000_000);
    }
}
