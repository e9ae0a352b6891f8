package com.themepress.examples.guestbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.wasm.WasmContract;

import tools.jackson.databind.JsonNode;

/**
 * The built module (target/wasm-guestbook.wasm) against the contract, called as the runtime calls
 * it, with the host API's storage in a map: what a site's calls keep, and what calls of no site keep
 * in the instance instead.
 */
class GuestbookModuleTests {

    static final Path MODULE = Path.of("target", "wasm-guestbook.wasm");

    final Map<String, String> storage = new HashMap<>();
    final List<String> hostCalls = new ArrayList<>();
    Instance instance;

    @BeforeEach
    void instantiate() throws Exception {
        WasmContract.Checked checked = WasmContract.check(Files.readAllBytes(MODULE));
        assertThat(checked.problems()).isEmpty();
        ImportValues.Builder imports = ImportValues.builder();
        for (String function : WasmContract.HOST_FUNCTIONS) {
            imports.addFunction(new HostFunction(WasmContract.HOST_MODULE, function, WasmContract.hostFunctionType(),
                    (self, args) -> new long[] {host(self, function, self.memory().readString((int) args[0], (int) args[1]))}));
        }
        imports.addFunction(new HostFunction(WasmContract.ABORT_MODULE, WasmContract.ABORT, WasmContract.ABORT_TYPE, (self, args) -> {
            throw new IllegalStateException("aborted");
        }));
        instance = Instance.builder(checked.module().orElseThrow()).withImportValues(imports.build()).build();
        assertThat(instance.export(WasmContract.HEALTH).apply()[0]).isZero();
    }

    /** Storage by "collection/id": get answers 200 or 404, put 200. */
    private long host(Instance self, String function, String request) {
        hostCalls.add(function);
        JsonNode in = StrictJson.parse(request.getBytes(StandardCharsets.UTF_8));
        String key = in.path("collection").asString() + "/" + in.path("id").asString();
        String answer = switch (function) {
            case "storage_get" -> storage.containsKey(key) ? "{\"status\":200,\"body\":{\"data\":" + storage.get(key) + "}}"
                    : "{\"status\":404,\"body\":{\"title\":\"Resource not found\"}}";
            case "storage_put" -> {
                storage.put(key, in.get("data").toString());
                yield "{\"status\":200,\"body\":{}}";
            }
            default -> "{\"status\":404,\"body\":null}";
        };
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        int ptr = (int) self.export(WasmContract.ALLOC).apply(bytes.length)[0];
        self.memory().write(ptr, bytes);
        return WasmContract.pack(ptr, bytes.length);
    }

    private JsonNode call(String operation, String envelope) {
        byte[] in = envelope.getBytes(StandardCharsets.UTF_8);
        int ptr = (int) instance.export(WasmContract.ALLOC).apply(in.length)[0];
        instance.memory().write(ptr, in);
        long packed = instance.export(operation).apply(ptr, in.length)[0];
        byte[] out = instance.memory().readBytes(WasmContract.pointer(packed), WasmContract.length(packed));
        instance.export(WasmContract.DEALLOC).apply(ptr, in.length);
        instance.export(WasmContract.DEALLOC).apply(WasmContract.pointer(packed), WasmContract.length(packed));
        return StrictJson.parse(out);
    }

    private JsonNode sign(String name, String message, String site) {
        return call(WasmContract.EXECUTE, "{\"action\":\"sign\",\"body\":{\"name\":\"" + name + "\",\"message\":\"" + message
                + "\"},\"site\":" + site + ",\"settings\":null,\"config\":{},\"requestId\":\"r\"}");
    }

    @Test
    void aSitesSignaturesAreKeptInStorageAndPublished() {
        JsonNode first = sign("Ada", "Hello \\\"there\\\"", "\"shop\"");
        JsonNode second = sign("Bob", "<b>bold</b>", "\"shop\"");

        assertThat(first.path("status").asInt()).isEqualTo(200);
        assertThat(second.path("body").path("count").asInt()).isEqualTo(2);
        assertThat(second.path("body").path("events").get(0).path("type").asString()).isEqualTo("guestbook.signed");
        assertThat(StrictJson.parse(storage.get("book/summary").getBytes(StandardCharsets.UTF_8)).path("last").path("name").asString())
                .isEqualTo("Bob");
        JsonNode rendered = call(WasmContract.RENDER, "{\"widget\":\"guestbook\",\"body\":{},\"site\":\"shop\"}");
        assertThat(rendered.path("body").path("html").asString()).contains("2 signatures").contains("&lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void callsOfNoSiteKeepTheirCountInTheInstanceAndTouchNoStorage() {
        sign("Ada", "hi", "null");
        assertThat(sign("Bob", "hi", "null").path("body").path("count").asInt()).isEqualTo(2);
        assertThat(hostCalls).isEmpty();
    }

    @Test
    void theEventHandlerCountsSignedEventsInStorage() {
        String event = "{\"body\":{\"type\":\"guestbook.signed\",\"data\":{}},\"site\":\"shop\"}";
        call(WasmContract.HANDLE_EVENT, event);
        assertThat(call(WasmContract.HANDLE_EVENT, event).path("body").path("seen").asInt()).isEqualTo(2);
        assertThat(storage.get("stats/events")).isEqualTo("{\"seen\":2}");
        assertThat(call(WasmContract.HANDLE_EVENT, "{\"body\":{\"type\":\"other\"},\"site\":\"shop\"}").path("body").path("ignored")
                .asBoolean()).isTrue();
    }

    @Test
    void anInvalidEntryIs400AndAnUnknownEndpoint404AndEchoAnswersItsInput() {
        assertThat(sign("", "hi", "\"shop\"").path("status").asInt()).isEqualTo(400);
        assertThat(call(WasmContract.EXECUTE, "{\"action\":\"nope\",\"body\":{}}").path("status").asInt()).isEqualTo(404);
        JsonNode echoed = call(WasmContract.EXECUTE, "{\"action\":\"echo\",\"body\":{\"n\":[1,2,{\"x\":\"y\"}]}}");
        assertThat(echoed.path("body").toString()).isEqualTo("{\"n\":[1,2,{\"x\":\"y\"}]}");
    }
}
