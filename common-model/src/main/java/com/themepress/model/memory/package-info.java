/**
 * Giving memory back when a service goes quiet: a full collection and a native heap trim once the
 * collector has been idle for a while after work (docs/jvm-memory.md).
 */
@NullMarked
package com.themepress.model.memory;

import org.jspecify.annotations.NullMarked;
