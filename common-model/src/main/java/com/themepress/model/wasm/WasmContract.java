package com.themepress.model.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;

/**
 * What a WebAssembly addon module exports and may import. JSON goes in and out through the module's
 * linear memory: the host asks {@code alloc(len)} for room, writes the request there and calls the
 * operation with {@code (ptr, len)}; the operation answers {@code ptr << 32 | len} of its answer.
 * Host functions (module {@code themepress}) take and answer JSON the same way. Checked where a
 * module is uploaded (the addon-server) and again where it is loaded (the runtime).
 */
public final class WasmContract {

    public static final String MEMORY = "memory";
    public static final String ALLOC = "alloc";
    /** Optional: called with each buffer the host is done with ({@code ptr, len}), so a module need not leak. */
    public static final String DEALLOC = "dealloc";
    public static final String HEALTH = "health";
    public static final String EXECUTE = "execute";
    public static final String RENDER = "render";
    public static final String HANDLE_EVENT = "handle_event";
    public static final String HOST_MODULE = "themepress";

    private static final FunctionType JSON_CALL = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64));

    /** Exported functions every module has, with their types. */
    public static final Map<String, FunctionType> EXPORTS = Map.of(
            ALLOC, FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
            HEALTH, FunctionType.of(List.of(), List.of(ValType.I32)),
            EXECUTE, JSON_CALL,
            RENDER, JSON_CALL,
            HANDLE_EVENT, JSON_CALL);

    private static final FunctionType DEALLOC_TYPE = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of());

    /** Host functions of module {@value #HOST_MODULE}; each takes a JSON request and answers {@code {status, body}}. */
    public static final List<String> HOST_FUNCTIONS = List.of("storage_get", "storage_put", "storage_delete", "storage_query",
            "events_publish", "site_get");

    /** AssemblyScript's {@code abort(message, file, line, column)}: the host ends the call with the message. */
    public static final String ABORT_MODULE = "env";
    public static final String ABORT = "abort";
    public static final FunctionType ABORT_TYPE = FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
            List.of());

    private WasmContract() {
    }

    /** The type every host function has: {@code (ptr, len) -> ptr << 32 | len}. */
    public static FunctionType hostFunctionType() {
        return JSON_CALL;
    }

    /** What a module answers as one i64: where its answer lies. */
    public static long pack(int ptr, int len) {
        return (long) ptr << 32 | len & 0xFFFFFFFFL;
    }

    public static int pointer(long packed) {
        return (int) (packed >>> 32);
    }

    public static int length(long packed) {
        return (int) packed;
    }

    /** A module that parsed: the module and what is wrong with it against the contract (empty: nothing). */
    public record Checked(Optional<WasmModule> module, List<String> problems) {

        public boolean valid() {
            return module.isPresent() && problems.isEmpty();
        }
    }

    /** Parses and checks {@code bytes}: every export present with its type, no import beyond the host functions. */
    public static Checked check(byte[] bytes) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return new Checked(Optional.empty(), List.of("not a valid WebAssembly module: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!exported(module, MEMORY, ExternalType.MEMORY)) {
            problems.add("missing export 'memory' (the module's linear memory)");
        }
        EXPORTS.forEach((name, type) -> {
            Optional<FunctionType> found = exportedFunction(module, name);
            if (found.isEmpty()) {
                problems.add("missing export '" + name + "' " + type);
            } else if (!found.get().typesMatch(type)) {
                problems.add("export '" + name + "' must be " + type + ", not " + found.get());
            }
        });
        exportedFunction(module, DEALLOC).filter(type -> !type.typesMatch(DEALLOC_TYPE))
                .ifPresent(type -> problems.add("export 'dealloc' must be " + DEALLOC_TYPE + ", not " + type));
        module.importSection().stream().forEach(imported -> checkImport(module, imported, problems));
        problems.sort(String::compareTo);
        return new Checked(Optional.of(module), List.copyOf(problems));
    }

    private static void checkImport(WasmModule module, Import imported, List<String> problems) {
        String name = imported.module() + "." + imported.name();
        FunctionType expected = HOST_MODULE.equals(imported.module()) && HOST_FUNCTIONS.contains(imported.name()) ? JSON_CALL
                : ABORT_MODULE.equals(imported.module()) && ABORT.equals(imported.name()) ? ABORT_TYPE : null;
        if (expected == null || !(imported instanceof FunctionImport function)) {
            problems.add("unknown import '" + name + "': a module may import only the host functions of docs/wasm.md");
            return;
        }
        FunctionType actual = module.typeSection().getType(function.typeIndex());
        if (!actual.typesMatch(expected)) {
            problems.add("import '" + name + "' must be " + expected + ", not " + actual);
        }
    }

    private static boolean exported(WasmModule module, String name, ExternalType kind) {
        return export(module, name).filter(e -> e.exportType() == kind).isPresent();
    }

    private static Optional<Export> export(WasmModule module, String name) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name)) {
                return Optional.of(exports.getExport(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<FunctionType> exportedFunction(WasmModule module, String name) {
        return export(module, name).filter(e -> e.exportType() == ExternalType.FUNCTION).map(e -> functionType(module, e.index()));
    }

    private static FunctionType functionType(WasmModule module, int index) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        if (index < imported) {
            int seen = 0;
            for (int i = 0; i < module.importSection().importCount(); i++) {
                if (module.importSection().getImport(i) instanceof FunctionImport function && seen++ == index) {
                    return module.typeSection().getType(function.typeIndex());
                }
            }
        }
        return module.functionSection().getFunctionType(index - imported, module.typeSection());
    }
}
