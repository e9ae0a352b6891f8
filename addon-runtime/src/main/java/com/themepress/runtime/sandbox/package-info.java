@NullMarked
package com.themepress.runtime.sandbox;

import org.jspecify.annotations.NullMarked;
