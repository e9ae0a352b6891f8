/** The servlet services' side of the service credential: the key check and the listen-address check. */
@NullMarked
package com.themepress.model.service.web;

import org.jspecify.annotations.NullMarked;
