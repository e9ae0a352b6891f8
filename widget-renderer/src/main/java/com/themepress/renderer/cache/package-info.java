/**
 * Two-tier render cache: L1 Caffeine per renderer (single flight across threads), L2 Redis shared
 * by renderers (single flight across instances with a short SET NX lock), a longer-lived last-good
 * copy for when the addon fails, and pub/sub eviction on registry changes.
 */
@NullMarked
package com.themepress.renderer.cache;

import org.jspecify.annotations.NullMarked;
