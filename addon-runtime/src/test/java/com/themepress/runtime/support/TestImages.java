package com.themepress.runtime.support;

/** Images the Docker tests run; a system property may point them at another build of the same contract. */
public final class TestImages {

    /** The system property that names another build of the hostile test addon. */
    public static final String HOSTILE_PROPERTY = "themepress.test.hostile-image";

    /** Built by examples/build-images.sh: echo, fork-bomb, memory-hog, write-root, ... */
    public static final String HOSTILE_DEFAULT = "themepress/addon-hostile-test-addon:1.0.0";

    public static final String HOSTILE = System.getProperty(HOSTILE_PROPERTY, HOSTILE_DEFAULT);

    private TestImages() {
    }
}
