/** The widget edge: the gateway's lean proxy for rendered-widget GETs, beside the Spring Cloud Gateway route table. */
@NullMarked
package com.themepress.gateway.widgets;

import org.jspecify.annotations.NullMarked;
