/**
 * The widget request path: resolve the addon's current version and the widget's configSchema
 * (from the addon-server, cached), merge saved and preview config, apply schema defaults and
 * validate, build the context, and on a cache miss render through the addon-runtime.
 */
@NullMarked
package com.themepress.renderer.render;

import org.jspecify.annotations.NullMarked;
