/**
 * WebAssembly modules of addon versions (the WASM tier, docs/wasm.md): the owner's upload, checked
 * against the contract and kept immutable with its SHA-256, and the runtime's fetch by that hash.
 */
@NullMarked
package com.themepress.server.modules;

import org.jspecify.annotations.NullMarked;
