package com.themepress.runtime.wasm;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.themepress.model.wasm.WasmContract;

/**
 * One instantiated module: its own memory and globals, one call at a time. The host functions it
 * imports reach the host API through the bridge of the call it is serving, set for that call only.
 * Not thread-safe: the pool hands an instance to one call at a time.
 */
final class WasmInstance {

    private static final HostBridge NO_CALL = (function, request) -> {
        throw new IllegalStateException("host function " + function + " called outside a call");
    };

    private final String id;
    private final Instance instance;
    private final ExportFunction alloc;
    private final @Nullable ExportFunction dealloc;
    private volatile HostBridge bridge = NO_CALL;
    private volatile long lastUsedNanos;

    private WasmInstance(String id, WasmModule module, MemoryLimits limits) {
        this.id = id;
        this.instance = Instance.builder(module).withMemoryLimits(limits).withImportValues(hostFunctions()).build();
        this.alloc = instance.export(WasmContract.ALLOC);
        this.dealloc = exports(module, WasmContract.DEALLOC) ? instance.export(WasmContract.DEALLOC) : null;
    }

    /** Instantiates {@code module} (running its start function) within {@code limits}. */
    static WasmInstance create(String id, WasmModule module, MemoryLimits limits) {
        return new WasmInstance(id, module, limits);
    }

    String id() {
        return id;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void used(long nanos) {
        lastUsedNanos = nanos;
    }

    /** The memory's size now, in 64 KiB pages. */
    int pages() {
        return instance.memory() == null ? 0 : instance.memory().pages();
    }

    /** Whether {@code health()} answers 0. */
    boolean healthy() {
        return instance.export(WasmContract.HEALTH).apply()[0] == 0;
    }

    /**
     * Calls {@code operation} with {@code input}; answers its answer's bytes. Throws {@link WasmFailure}
     * for an answer outside the memory or over {@code maxAnswer}, and lets Chicory's exceptions (traps,
     * interruption) through to the caller, which discards the instance.
     */
    byte[] call(String operation, byte[] input, long maxAnswer, HostBridge callBridge) {
        bridge = callBridge;
        try {
            int ptr = write(input);
            long packed = instance.export(operation).apply(ptr, input.length)[0];
            free(ptr, input.length);
            int answerPtr = WasmContract.pointer(packed);
            int answerLen = WasmContract.length(packed);
            if (answerLen < 0 || Integer.toUnsignedLong(answerLen) > maxAnswer) {
                throw new WasmFailure(WasmFailure.Kind.TOO_LARGE, "answered " + Integer.toUnsignedString(answerLen)
                        + " bytes, more than the limit of " + maxAnswer);
            }
            byte[] answer = read(answerPtr, answerLen);
            free(answerPtr, answerLen);
            return answer;
        } finally {
            bridge = NO_CALL;
        }
    }

    private int write(byte[] bytes) {
        int ptr = (int) alloc.apply(bytes.length)[0];
        if (Integer.toUnsignedLong(ptr) + bytes.length > Memory.bytes(instance.memory().pages())) {
            throw new WasmFailure(WasmFailure.Kind.FAILED, "alloc(" + bytes.length + ") answered room outside its memory");
        }
        instance.memory().write(ptr, bytes);
        return ptr;
    }

    private byte[] read(int ptr, int len) {
        long end = Integer.toUnsignedLong(ptr) + len;
        if (ptr < 0 || end > Memory.bytes(instance.memory().pages())) {
            throw new WasmFailure(WasmFailure.Kind.FAILED, "answered " + len + " bytes at " + Integer.toUnsignedString(ptr)
                    + ", outside its memory");
        }
        return instance.memory().readBytes(ptr, len);
    }

    private void free(int ptr, int len) {
        if (dealloc != null) {
            dealloc.apply(ptr, len);
        }
    }

    private ImportValues hostFunctions() {
        ImportValues.Builder imports = ImportValues.builder();
        for (String function : WasmContract.HOST_FUNCTIONS) {
            imports.addFunction(new HostFunction(WasmContract.HOST_MODULE, function, WasmContract.hostFunctionType(),
                    (self, args) -> new long[] {hostCall(function, (int) args[0], (int) args[1])}));
        }
        imports.addFunction(new HostFunction(WasmContract.ABORT_MODULE, WasmContract.ABORT, WasmContract.ABORT_TYPE,
                (self, args) -> {
                    throw new WasmFailure(WasmFailure.Kind.FAILED, "aborted" + abortMessage((int) args[0]));
                }));
        return imports.build();
    }

    private long hostCall(String function, int ptr, int len) {
        byte[] answer = bridge.call(function, read(ptr, len));
        return WasmContract.pack(write(answer), answer.length);
    }

    /** AssemblyScript passes its message as a string object: UTF-16, its byte length in the four bytes before it. */
    private String abortMessage(int ptr) {
        try {
            if (ptr < 4) {
                return "";
            }
            int bytes = instance.memory().readInt(ptr - 4);
            if (bytes <= 0 || bytes > 2048) {
                return "";
            }
            return ": " + new String(read(ptr, bytes), StandardCharsets.UTF_16LE);
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static boolean exports(WasmModule module, String name) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name) && exports.getExport(i).exportType() == ExternalType.FUNCTION) {
                return true;
            }
        }
        return false;
    }
}
