/**
 * Addon storage (spec section 5, issue 16): per-addon, per-site JSON documents in named collections,
 * with optimistic versions, bounded queries and quotas. Addons reach it through the host API with
 * their call's token; a site admin reads it under {@code /api/sites/{site}/addons/{addon}/storage}.
 */
@NullMarked
package com.themepress.server.addonstorage;

import org.jspecify.annotations.NullMarked;
