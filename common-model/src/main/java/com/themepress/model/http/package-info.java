/** What the services' HTTP clients share: reading an answer no further than a limit. */
@NullMarked
package com.themepress.model.http;

import org.jspecify.annotations.NullMarked;
