package com.themepress.runtime.wasm;

/** Why a call into a module gave no usable answer; the invoke path turns each into the container tier's problem. */
public final class WasmFailure extends RuntimeException {

    public enum Kind {
        /** Past the deadline; the call was interrupted. */
        TIMEOUT,
        /** A trap, an abort, a call stack exhausted, an answer outside the memory or not JSON. */
        FAILED,
        /** An answer over the limit, not read. */
        TOO_LARGE,
        /** Every instance busy until the queue wait ran out. */
        BUSY
    }

    private final Kind kind;

    public WasmFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
