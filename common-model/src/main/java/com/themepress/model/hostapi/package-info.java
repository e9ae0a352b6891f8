/** Invocation tokens: what an addon container shows the host API, signed by the runtime, checked by the runtime and the addon-server. */
@NullMarked
package com.themepress.model.hostapi;

import org.jspecify.annotations.NullMarked;
