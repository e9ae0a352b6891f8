package com.themepress.model.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The one catalogue of error kinds every service (and the gateway) answers with. A client can
 * switch on {@link #uri()}: it never changes once published, while titles and details may.
 */
public enum ProblemType {

    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Request is invalid"),
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Body is not well-formed JSON"),
    INVALID_MANIFEST("invalid-manifest", HttpStatus.BAD_REQUEST, "Manifest is invalid"),
    INVALID_CONFIG("invalid-config", HttpStatus.BAD_REQUEST, "Configuration is invalid"),
    UNRESOLVED_DEPENDENCY("unresolved-dependency", HttpStatus.UNPROCESSABLE_CONTENT, "Dependency cannot be resolved"),
    DEPENDENCY_CYCLE("dependency-cycle", HttpStatus.UNPROCESSABLE_CONTENT, "Dependencies form a cycle"),
    QUOTA_EXCEEDED("quota-exceeded", HttpStatus.UNPROCESSABLE_CONTENT, "Resource quota exceeded"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "API key missing or unknown"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    PERMISSION_DENIED("permission-denied", HttpStatus.FORBIDDEN, "Permission not granted"),
    IMAGE_NOT_ALLOWED("image-not-allowed", HttpStatus.FORBIDDEN, "Image not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Resource not found"),
    ADDON_NOT_FOUND("addon-not-found", HttpStatus.NOT_FOUND, "Addon not found"),
    VERSION_NOT_FOUND("version-not-found", HttpStatus.NOT_FOUND, "Addon version not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    VERSION_EXISTS("version-exists", HttpStatus.CONFLICT, "Version already registered"),
    VERSION_IN_USE("version-in-use", HttpStatus.CONFLICT, "Version is still depended upon"),
    CONCURRENT_MODIFICATION("concurrent-modification", HttpStatus.CONFLICT, "Resource changed concurrently"),
    ALREADY_REPLAYED("already-replayed", HttpStatus.CONFLICT, "Dead letter already replayed"),
    GRANT_REQUIRED("grant-required", HttpStatus.CONFLICT, "Permissions must be granted"),
    DEPENDENCY_NOT_INSTALLED("dependency-not-installed", HttpStatus.CONFLICT, "Dependency not installed"),
    INSTALLATION_IN_USE("installation-in-use", HttpStatus.CONFLICT, "Installation is depended upon"),
    ALREADY_EXISTS("already-exists", HttpStatus.CONFLICT, "Resource already exists"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Resource changed since it was read"),
    CALL_IN_PROGRESS("call-in-progress", HttpStatus.CONFLICT, "A call with this idempotency key is running"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key used for another request"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    STORAGE_QUOTA_EXCEEDED("storage-quota-exceeded", HttpStatus.TOO_MANY_REQUESTS, "Addon storage quota exceeded"),
    UPSTREAM_FAILED("upstream-failed", HttpStatus.BAD_GATEWAY, "Upstream service failed"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    UPSTREAM_TIMEOUT("upstream-timeout", HttpStatus.GATEWAY_TIMEOUT, "Upstream service timed out"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** Base of every type URI; documented in docs/problem-types.md. */
    public static final String BASE = "https://themepress.dev/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type a bare HTTP status maps to when no more specific kind is known. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONCURRENT_MODIFICATION;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 502 -> UPSTREAM_FAILED;
            case 503 -> UNAVAILABLE;
            case 504 -> UPSTREAM_TIMEOUT;
            default -> status >= 500 ? INTERNAL : INVALID_REQUEST;
        };
    }
}
