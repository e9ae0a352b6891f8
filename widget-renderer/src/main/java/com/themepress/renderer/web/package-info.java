/** The renderer's HTTP edge: every failure as {@code application/problem+json} with a type from the shared catalogue, and the Tomcat connector. */
@NullMarked
package com.themepress.renderer.web;

import org.jspecify.annotations.NullMarked;
