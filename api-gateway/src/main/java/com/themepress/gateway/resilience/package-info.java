/**
 * Resilience at the gateway (issue 17 item 4): a circuit breaker per upstream service and a timeout per
 * route, so that a service that is down or stuck costs a caller a fast 503 or 504 problem, not a hang.
 */
@NullMarked
package com.themepress.gateway.resilience;

import org.jspecify.annotations.NullMarked;
