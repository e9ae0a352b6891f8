package com.themepress.renderer.render;

/**
 * The addon answered the render with a 4xx: its own answer, relayed to the caller as it is (spec
 * section 6), never cached and never replaced by a stale copy.
 */
class AddonRejected extends RuntimeException {

    private final int status;
    private final String contentType;
    private final byte[] body;

    AddonRejected(int status, String contentType, byte[] body) {
        super("addon answered " + status, null, false, false);
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }
}
