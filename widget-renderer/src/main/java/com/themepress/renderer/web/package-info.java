/** Every failure as {@code application/problem+json} with a type from the shared catalogue. */
@NullMarked
package com.themepress.renderer.web;

import org.jspecify.annotations.NullMarked;
