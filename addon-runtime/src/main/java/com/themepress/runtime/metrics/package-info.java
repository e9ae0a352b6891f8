@NullMarked
package com.themepress.runtime.metrics;

import org.jspecify.annotations.NullMarked;
