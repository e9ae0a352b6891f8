/**
 * The service credential the platform's services share (docs/security.md, "Internal services"):
 * its setting and header here, the servlet services' check in {@code service.web}.
 */
@NullMarked
package com.themepress.model.service;

import org.jspecify.annotations.NullMarked;
