/**
 * Rate limits (issue 17, spec section 10): one Redis token bucket per caller and route class, shared by
 * every gateway replica, applied by the WebFlux filter and by the widget edge alike.
 */
@NullMarked
package com.themepress.gateway.limits;

import org.jspecify.annotations.NullMarked;
