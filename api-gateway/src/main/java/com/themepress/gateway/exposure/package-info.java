/**
 * What the gateway shows the world: security headers on every answer, and no actuator endpoint but
 * the health probes on the public port without the service key (issue 17, item 5).
 */
@NullMarked
package com.themepress.gateway.exposure;

import org.jspecify.annotations.NullMarked;
