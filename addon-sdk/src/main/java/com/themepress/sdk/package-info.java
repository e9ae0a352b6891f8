/**
 * A small SDK for writing ThemePress addon containers in plain Java.
 *
 * <p>{@link com.themepress.sdk.Addon#builder()} registers endpoint, widget and event handlers and
 * {@link com.themepress.sdk.Addon#start()} serves them over the addon container contract: the JDK's
 * own HTTP server on port 3000 ({@code PORT} overrides) with a bounded worker pool. There is no
 * framework and no classpath scanning, so an addon jar starts in a fraction of a second; the
 * contract itself is described in this module's README for addons written in other languages.
 */
@NullMarked
package com.themepress.sdk;

import org.jspecify.annotations.NullMarked;
