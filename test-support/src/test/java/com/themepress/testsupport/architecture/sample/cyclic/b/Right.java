package com.themepress.testsupport.architecture.sample.cyclic.b;

import com.themepress.testsupport.architecture.sample.cyclic.a.Left;

/** The other half of the package cycle. */
public class Right {
    Left left;
}
