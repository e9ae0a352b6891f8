/** Request ids: created or kept at the gateway, sent to every service, echoed to the client (issue 17 item 3). */
@NullMarked
package com.themepress.gateway.requests;

import org.jspecify.annotations.NullMarked;
