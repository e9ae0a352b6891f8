@NullMarked
package com.themepress.runtime.pool;

import org.jspecify.annotations.NullMarked;
