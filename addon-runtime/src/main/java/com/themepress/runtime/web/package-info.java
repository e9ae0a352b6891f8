@NullMarked
package com.themepress.runtime.web;

import org.jspecify.annotations.NullMarked;
