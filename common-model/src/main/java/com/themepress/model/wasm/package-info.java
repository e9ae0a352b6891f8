/** The WebAssembly tier's contract: the exports a module must have and the imports it may ask for (docs/wasm.md). */
@NullMarked
package com.themepress.model.wasm;

import org.jspecify.annotations.NullMarked;
