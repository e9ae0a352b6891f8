/**
 * The execute path: {@code POST /api/addons/{name}/execute}. Who may call an endpoint is decided in
 * {@code permissions/} ({@code EndpointAccess}); the data is checked against the endpoint's
 * {@code inputSchema} here; the call goes to the runtime through {@code runtime-client}; events in the
 * addon's 2xx and 4xx answers are published through {@link com.themepress.server.execute.EmittedEvents}.
 */
@NullMarked
package com.themepress.server.execute;

import org.jspecify.annotations.NullMarked;
