package com.themepress.testsupport.wasm;

import static com.themepress.testsupport.wasm.WasmBuilder.I32;
import static com.themepress.testsupport.wasm.WasmBuilder.I64;

import java.nio.charset.StandardCharsets;

import com.themepress.testsupport.wasm.WasmBuilder.Code;

/**
 * Modules that follow the WASM tier's contract (docs/wasm.md) for tests: well-behaved ones and the
 * hostile ones each limit must stop. Memory: data from 1024, a bump heap from 16384 that
 * {@code dealloc} resets (the host frees after each call, so reuse never runs out).
 */
public final class WasmTestModules {

    private static final byte[] NONE = {};
    private static final byte[] JSON = {I32, I32};
    private static final byte[] PACKED = {I64};
    private static final int DATA = 1024;
    private static final int HEAP = 16384;

    private WasmTestModules() {
    }

    /** Every operation answers its input as it came (the host reads the envelope's body as the answer's). */
    public static byte[] echo() {
        WasmBuilder b = base(2, -1, 0);
        operations(b, echoing(), echoing(), echoing());
        return b.build();
    }

    /** Every operation answers {@code answer}. */
    public static byte[] answering(String answer) {
        WasmBuilder b = base(2, -1, 0);
        int len = utf8(answer);
        operations(b, fixed(len), fixed(len), fixed(len));
        return b.data(DATA, answer).build();
    }

    /** {@code execute} calls host function {@code function} with {@code request} and answers what it answered. */
    public static byte[] hostCaller(String function, String request) {
        WasmBuilder b = new WasmBuilder();
        int host = b.importFunction("themepress", function, JSON, PACKED);
        contract(b, 2, -1, 0);
        operations(b, new Code().i32(DATA).i32(utf8(request)).call(host), echoing(), echoing());
        return b.data(DATA, request).build();
    }

    /** {@code execute} never ends. */
    public static byte[] looping() {
        WasmBuilder b = base(2, -1, 0);
        operations(b, new Code().op(0x03, 0x40, 0x0c, 0x00, 0x0b, 0x00), echoing(), echoing());
        return b.build();
    }

    /** {@code execute} grows its memory a megabyte at a time until refused, then traps. */
    public static byte[] memoryHog() {
        WasmBuilder b = base(2, -1, 0);
        Code grow = new Code().op(0x02, 0x40, 0x03, 0x40).i32(16).op(0x40, 0x00).i32(-1).op(0x46, 0x0d, 0x01, 0x0c, 0x00, 0x0b, 0x0b)
                .op(0x00);
        operations(b, grow, echoing(), echoing());
        return b.build();
    }

    /** {@code execute} recurses without end. */
    public static byte[] recursing() {
        WasmBuilder b = base(2, -1, 0);
        int deeper = b.nextFunction();
        b.function(null, new byte[] {I32}, new byte[] {I32}, 0, new Code().local(0).i32(1).op(0x6a).call(deeper));
        operations(b, new Code().i32(0).call(deeper).op(0x1a).i64(0), echoing(), echoing());
        return b.build();
    }

    /** {@code execute} answers {@code bytes} bytes of zeros (the memory holds them). */
    public static byte[] hugeAnswer(int bytes) {
        WasmBuilder b = base(bytes / 65536 + 2, -1, 0);
        operations(b, new Code().packed(HEAP, bytes), echoing(), echoing());
        return b.build();
    }

    /** {@code health} answers 1. */
    public static byte[] unhealthy() {
        WasmBuilder b = base(2, -1, 1);
        operations(b, echoing(), echoing(), echoing());
        return b.build();
    }

    /** Everything but {@code handle_event}. */
    public static byte[] withoutEventHandler() {
        WasmBuilder b = base(2, -1, 0);
        b.function("execute", JSON, PACKED, 0, echoing());
        b.function("render", JSON, PACKED, 0, echoing());
        return b.build();
    }

    /** A contract module that also imports {@code module.name} (a WASI function, say). */
    public static byte[] importing(String module, String name) {
        WasmBuilder b = new WasmBuilder();
        b.importFunction(module, name, JSON, new byte[] {I32});
        contract(b, 2, -1, 0);
        operations(b, echoing(), echoing(), echoing());
        return b.build();
    }

    private static WasmBuilder base(int pages, int maxPages, int health) {
        WasmBuilder b = new WasmBuilder();
        contract(b, pages, maxPages, health);
        return b;
    }

    /** Memory, the bump allocator, {@code dealloc} and {@code health}. */
    private static void contract(WasmBuilder b, int pages, int maxPages, int health) {
        b.memory(pages, maxPages);
        int top = b.global(HEAP);
        b.function("alloc", new byte[] {I32}, new byte[] {I32}, 0,
                new Code().global(top).global(top).local(0).op(0x6a).setGlobal(top));
        b.function("dealloc", JSON, NONE, 0, new Code().i32(HEAP).setGlobal(top));
        b.function("health", NONE, new byte[] {I32}, 0, new Code().i32(health));
    }

    private static void operations(WasmBuilder b, Code execute, Code render, Code event) {
        b.function("execute", JSON, PACKED, 0, execute);
        b.function("render", JSON, PACKED, 0, render);
        b.function("handle_event", JSON, PACKED, 0, event);
    }

    private static Code echoing() {
        return new Code().pack(0, 1);
    }

    private static Code fixed(int len) {
        return new Code().packed(DATA, len);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
