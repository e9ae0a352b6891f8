package com.themepress.runtimeclient;

/**
 * The addon answered the call with a 4xx: its own answer, relayed to the caller as it is (spec
 * section 6), never cached and never replaced by a stale copy. No stack trace: it is an answer, not a fault.
 */
public class AddonRejected extends RuntimeException {

    private final transient RuntimeAnswer answer;

    public AddonRejected(RuntimeAnswer answer) {
        super("addon answered " + answer.status(), null, false, false);
        this.answer = answer;
    }

    public RuntimeAnswer answer() {
        return answer;
    }
}
