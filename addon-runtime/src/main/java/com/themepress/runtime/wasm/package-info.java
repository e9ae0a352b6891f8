/**
 * The WebAssembly tier: deployments whose spec names a module run in-process on Chicory, in a pool
 * of instances per version, each call on a thread of bounded stack with a deadline and a memory cap.
 * The invoke path reaches it beside the container pools (docs/wasm.md).
 */
@NullMarked
package com.themepress.runtime.wasm;

import org.jspecify.annotations.NullMarked;
