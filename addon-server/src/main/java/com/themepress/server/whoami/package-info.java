/**
 * {@code GET /api/keys/self}: who a key is (operator, developer or site), so that a client such as the
 * console shows only what the key may do. What the key may do is still decided by each endpoint.
 */
@NullMarked
package com.themepress.server.whoami;

import org.jspecify.annotations.NullMarked;
