/**
 * CORS at the gateway (issue 17): the origins of every site plus the console's, answered here for
 * preflights and for widget GETs at the widget edge, so no service behind has to know them.
 */
@NullMarked
package com.themepress.gateway.cors;

import org.jspecify.annotations.NullMarked;
