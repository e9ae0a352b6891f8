/**
 * The host API: the one door of the control plane an addon container may use. The runtime signs an
 * invocation token into every call it passes to a container, keeps the call's record while it runs
 * (and a short grace after), and serves the host API on the sandbox networks' gateway addresses,
 * where it checks each request's token and source before relaying it to the addon-server.
 */
@NullMarked
package com.themepress.runtime.hostapi;

import org.jspecify.annotations.NullMarked;
