package com.themepress.runtime.support;

/** Images the Docker tests run; a system property may point them at another build of the same contract. */
public final class TestImages {

    /** Built by examples/build-images.sh: echo, fork-bomb, memory-hog, write-root, ... */
    public static final String HOSTILE = System.getProperty("themepress.test.hostile-image",
            "themepress/addon-hostile-test-addon:1.0.0");

    private TestImages() {
    }
}
