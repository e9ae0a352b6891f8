/**
 * Turning an addon's untrusted render into something a page can embed: HTML through an OWASP
 * sanitiser policy, CSS rescoped so that it cannot reach the host page, and the embeddable
 * fragment (a custom element with a declarative shadow root), whose widget script, if any, runs in
 * a sandboxed frame with an opaque origin unless the addon is granted in-page script.
 */
@NullMarked
package com.themepress.renderer.fragment;

import org.jspecify.annotations.NullMarked;
