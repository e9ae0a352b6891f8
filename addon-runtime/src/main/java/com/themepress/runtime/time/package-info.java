@NullMarked
package com.themepress.runtime.time;

import org.jspecify.annotations.NullMarked;
