/**
 * The addon-server's side of the host API: who a request speaks for (the invocation token the runtime
 * relayed, checked again here), what its site granted, and the operations on events and site data.
 * Storage is its own feature ({@code addonstorage}), built on the same caller.
 */
@NullMarked
package com.themepress.server.hostapi;

import org.jspecify.annotations.NullMarked;
