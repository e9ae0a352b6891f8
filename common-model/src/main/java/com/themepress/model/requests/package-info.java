/** Request ids ({@code X-Request-Id}): what makes a valid one, and where a service keeps the current one. */
@NullMarked
package com.themepress.model.requests;

import org.jspecify.annotations.NullMarked;
