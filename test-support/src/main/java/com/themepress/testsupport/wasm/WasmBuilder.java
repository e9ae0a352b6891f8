package com.themepress.testsupport.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small WebAssembly modules in the binary format for tests, so the WASM tier's tests need no
 * toolchain: types, function imports, one memory, mutable i32 globals, functions with exports, and
 * active data segments. Function indexes count imports first, as in the format.
 */
public final class WasmBuilder {

    public static final byte I32 = 0x7f;
    public static final byte I64 = 0x7e;

    private record Type(byte[] params, byte[] results) {
    }

    private record Function(int type, byte[] locals, byte[] code, String export) {
    }

    private final List<Type> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<Integer> globals = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private int memoryMin = -1;
    private int memoryMax = -1;

    /** A function type's index, made on first use. */
    public int type(byte[] params, byte[] results) {
        for (int i = 0; i < types.size(); i++) {
            if (java.util.Arrays.equals(types.get(i).params(), params) && java.util.Arrays.equals(types.get(i).results(), results)) {
                return i;
            }
        }
        types.add(new Type(params, results));
        return types.size() - 1;
    }

    /** Imports a function; answers its function index. Call before adding functions. */
    public int importFunction(String module, String name, byte[] params, byte[] results) {
        if (!functions.isEmpty()) {
            throw new IllegalStateException("imports come before functions");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        name(out, module);
        name(out, name);
        out.write(0x00);
        u32(out, type(params, results));
        imports.add(out.toByteArray());
        return imports.size() - 1;
    }

    /** One exported memory named {@code memory}; {@code max} negative for none. */
    public WasmBuilder memory(int min, int max) {
        memoryMin = min;
        memoryMax = max;
        return this;
    }

    /** A mutable i32 global; answers its index. */
    public int global(int initial) {
        globals.add(initial);
        return globals.size() - 1;
    }

    /** Adds a function ({@code export} null for none); answers its function index. {@code i32Locals} extra i32 locals. */
    public int function(String export, byte[] params, byte[] results, int i32Locals, Code code) {
        ByteArrayOutputStream locals = new ByteArrayOutputStream();
        if (i32Locals > 0) {
            u32(locals, 1);
            u32(locals, i32Locals);
            locals.write(I32);
        } else {
            u32(locals, 0);
        }
        functions.add(new Function(type(params, results), locals.toByteArray(), code.end().bytes(), export));
        return imports.size() + functions.size() - 1;
    }

    /** The index the next function added will get (for recursion). */
    public int nextFunction() {
        return imports.size() + functions.size();
    }

    public WasmBuilder data(int offset, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x00);
        out.write(0x41);
        s64(out, offset);
        out.write(0x0b);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        u32(out, bytes.length);
        out.writeBytes(bytes);
        data.add(out.toByteArray());
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        section(module, 1, types.size(), types.stream().map(t -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x60);
            u32(out, t.params().length);
            out.writeBytes(t.params());
            u32(out, t.results().length);
            out.writeBytes(t.results());
            return out.toByteArray();
        }).toList());
        section(module, 2, imports.size(), imports);
        section(module, 3, functions.size(), functions.stream().map(f -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            u32(out, f.type());
            return out.toByteArray();
        }).toList());
        if (memoryMin >= 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(memoryMax < 0 ? 0x00 : 0x01);
            u32(out, memoryMin);
            if (memoryMax >= 0) {
                u32(out, memoryMax);
            }
            section(module, 5, 1, List.of(out.toByteArray()));
        }
        section(module, 6, globals.size(), globals.stream().map(initial -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(I32);
            out.write(0x01);
            out.write(0x41);
            s64(out, initial);
            out.write(0x0b);
            return out.toByteArray();
        }).toList());
        List<byte[]> exports = new ArrayList<>();
        if (memoryMin >= 0) {
            exports.add(export("memory", 0x02, 0));
        }
        for (int i = 0; i < functions.size(); i++) {
            if (functions.get(i).export() != null) {
                exports.add(export(functions.get(i).export(), 0x00, imports.size() + i));
            }
        }
        section(module, 7, exports.size(), exports);
        section(module, 10, functions.size(), functions.stream().map(f -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(f.locals());
            body.writeBytes(f.code());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            u32(out, body.size());
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }).toList());
        section(module, 11, data.size(), data);
        return module.toByteArray();
    }

    private static byte[] export(String name, int kind, int index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        name(out, name);
        out.write(kind);
        u32(out, index);
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream module, int id, int count, List<byte[]> items) {
        if (count == 0) {
            return;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        u32(content, count);
        items.forEach(content::writeBytes);
        module.write(id);
        u32(module, content.size());
        module.writeBytes(content.toByteArray());
    }

    private static void name(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        u32(out, bytes.length);
        out.writeBytes(bytes);
    }

    static void u32(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    static void s64(ByteArrayOutputStream out, long value) {
        while (true) {
            int b = (int) (value & 0x7f);
            value >>= 7;
            boolean done = value == 0 && (b & 0x40) == 0 || value == -1 && (b & 0x40) != 0;
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    /** A function body's instructions; {@link WasmBuilder#function} adds the final {@code end}. */
    public static final class Code {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Code op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        public Code i32(int value) {
            out.write(0x41);
            s64(out, value);
            return this;
        }

        public Code i64(long value) {
            out.write(0x42);
            s64(out, value);
            return this;
        }

        public Code local(int index) {
            out.write(0x20);
            u32(out, index);
            return this;
        }

        public Code setLocal(int index) {
            out.write(0x21);
            u32(out, index);
            return this;
        }

        public Code global(int index) {
            out.write(0x23);
            u32(out, index);
            return this;
        }

        public Code setGlobal(int index) {
            out.write(0x24);
            u32(out, index);
            return this;
        }

        public Code call(int function) {
            out.write(0x10);
            u32(out, function);
            return this;
        }

        /** {@code ptr << 32 | len} of two i32 values already on the stack as (ptr, len) in locals. */
        public Code pack(int ptrLocal, int lenLocal) {
            return local(ptrLocal).op(0xad).i64(32).op(0x86).local(lenLocal).op(0xad).op(0x84);
        }

        /** {@code ptr << 32 | len} of constants. */
        public Code packed(int ptr, int len) {
            return i64((long) ptr << 32 | len & 0xFFFFFFFFL);
        }

        Code end() {
            out.write(0x0b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
