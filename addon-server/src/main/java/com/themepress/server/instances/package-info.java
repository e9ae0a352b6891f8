/**
 * {@code GET /api/addons/{name}/instances}: what the runtime runs for an addon, for its developer and
 * the operator (the runtime itself is not on the public API).
 */
@NullMarked
package com.themepress.server.instances;

import org.jspecify.annotations.NullMarked;
