package com.themepress.sdk;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The platform's host API, as one call may use it: storage, events and the site's public data, all
 * for the site the call is made for and within what that site granted the addon ({@code storage.read},
 * {@code storage.write}, {@code events.publish}, {@code site.read}). Each call carries its own
 * invocation token, good only while the call runs: keep no {@code HostApi} beyond the handler.
 *
 * <p>In a container the SDK speaks HTTP to {@code THEMEPRESS_HOST_API}; tests and local runs can
 * pass an {@link InMemoryHostApi}. Refusals throw {@link HostApiException}, a {@link ProblemException},
 * so an unhandled one answers the call with the host API's status and problem.
 */
public interface HostApi {

    Storage storage();

    Events events();

    /** The site's public data ({@code id}, {@code name}, {@code origins}); needs {@code site.read}. */
    JsonNode site();

    /** This call's invocation token, for addon code that speaks to the host API itself. */
    Optional<String> token();

    /** A host API for a call that came with no token (a local run): every use throws 503. */
    static HostApi none() {
        return HttpHostApi.NONE;
    }
}
