/**
 * The console (the {@code console} module's files under {@code static/console/}) at {@code /console/},
 * with a Content-Security-Policy of its own: scripts from the gateway's origin only, no inline script.
 */
@NullMarked
package com.themepress.gateway.console;

import org.jspecify.annotations.NullMarked;
