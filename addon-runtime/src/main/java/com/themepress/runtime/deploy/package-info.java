@NullMarked
package com.themepress.runtime.deploy;

import org.jspecify.annotations.NullMarked;
