/**
 * Calls to the addon-runtime, written once for every service that makes them: invoke a path on an
 * addon version's instances, deploy the version on demand, and turn what went wrong into the
 * platform's problem types. The addon-server (execute, event delivery) and the widget-renderer
 * (renders) use {@link com.themepress.runtimeclient.RuntimeClient}; the renderer's resolution calls
 * to the addon-server share its HTTP client settings and transport-failure mapping
 * ({@link com.themepress.runtimeclient.UpstreamCalls}).
 */
@NullMarked
package com.themepress.runtimeclient;

import org.jspecify.annotations.NullMarked;
