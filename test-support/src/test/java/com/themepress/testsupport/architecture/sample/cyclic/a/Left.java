package com.themepress.testsupport.architecture.sample.cyclic.a;

import com.themepress.testsupport.architecture.sample.cyclic.b.Right;

/** One half of a package cycle, for {@code ModuleRulesTests}. */
public class Left {
    Right right;
}
