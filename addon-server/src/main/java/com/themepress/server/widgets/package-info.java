/**
 * Widgets as the registry knows them: the internal resolution the widget-renderer asks for
 * ({@code GET /internal/widgets/{addon}/{widget}}: current version, widget spec with its
 * configSchema, deployment spec, the site's saved config) and the public catalogue
 * ({@code GET /api/widgets?category=}). Rendering and its cache live in the widget-renderer; see
 * docs/widget-rendering.md.
 */
@NullMarked
package com.themepress.server.widgets;

import org.jspecify.annotations.NullMarked;
