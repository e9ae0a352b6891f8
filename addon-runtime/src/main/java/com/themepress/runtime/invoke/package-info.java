@NullMarked
package com.themepress.runtime.invoke;

import org.jspecify.annotations.NullMarked;
