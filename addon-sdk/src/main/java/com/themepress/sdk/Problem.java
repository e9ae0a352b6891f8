package com.themepress.sdk;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). Types share the platform's
 * catalogue base so a client sees one error vocabulary whether the platform or the addon refused.
 *
 * @param type   a stable URI per kind of error; clients switch on it
 * @param title  a short, human summary of the kind
 * @param status the HTTP status, repeated in the body as RFC 9457 suggests
 * @param detail what exactly went wrong with this request
 */
public record Problem(String type, String title, int status, String detail) {

    /** Base of the platform's problem type URIs (mirrors common-model's ProblemType). */
    public static final String TYPE_BASE = "https://themepress.dev/problems/";

    /** A problem whose type and title follow from the status, as the platform's catalogue maps them. */
    public static Problem of(int status, String detail) {
        return new Problem(TYPE_BASE + slug(status), title(status), status, detail);
    }

    /** A problem of an addon-specific kind, e.g. {@code payment-declined}; the slug becomes the type URI. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail);
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 402 -> "payment-required";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 429 -> "rate-limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "invalid-request";
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Request is invalid";
            case 401 -> "Not authenticated";
            case 402 -> "Payment required";
            case 403 -> "Not allowed";
            case 404 -> "Resource not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Request cannot be processed";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Request is invalid";
        };
    }
}
