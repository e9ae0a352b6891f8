/** The demo page the gateway serves at {@code /demo/} (its files are under {@code static/demo/}). */
@NullMarked
package com.themepress.gateway.demo;

import org.jspecify.annotations.NullMarked;
