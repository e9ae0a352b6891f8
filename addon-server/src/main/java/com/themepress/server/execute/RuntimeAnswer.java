package com.themepress.server.execute;

/** An answer relayed from the runtime: the addon's own (2xx/4xx) or the runtime's problem (5xx). */
public record RuntimeAnswer(int status, String contentType, byte[] body, String instanceId) {

    public boolean isJson() {
        return contentType != null && (contentType.startsWith("application/json") || contentType.contains("+json"));
    }
}
