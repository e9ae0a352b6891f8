package com.themepress.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import com.themepress.testsupport.browser.Chromium;
import com.themepress.testsupport.browser.RequiresChromium;
import com.themepress.testsupport.docker.RequiresDockerImage;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * The conditions as JUnit applies them: fixture classes run through a launcher of this test's own,
 * and what is skipped must carry the one reason scripts/check-skips.sh accepts.
 */
class ConditionsTests {

    static final String ABSENT_IMAGE = "themepress/no-such-image:0.0.0-conditions-test";

    @Retention(RetentionPolicy.RUNTIME)
    @RequiresDockerImage(ABSENT_IMAGE)
    @interface RequiresAbsentImage {
    }

    static class NeedsAnAbsentImage {
        @Test
        void runs() {
        }
    }

    @RequiresDockerImage(ABSENT_IMAGE)
    static class DirectlyAnnotated extends NeedsAnAbsentImage {
    }

    @RequiresAbsentImage
    static class MetaAnnotated extends NeedsAnAbsentImage {
    }

    @RequiresRedisServer
    static class NeedsRedis {
        @Test
        void runs() {
        }
    }

    @RequiresChromium
    static class NeedsChromium {
        @Test
        void runs() {
        }
    }

    /** The class's skip reason, or null when its test ran. */
    static String skipReason(Class<?> fixture) {
        List<String> reasons = new CopyOnWriteArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier identifier, String reason) {
                        reasons.add(reason);
                    }

                    @Override
                    public void executionFinished(TestIdentifier identifier, org.junit.platform.engine.TestExecutionResult result) {
                        if (identifier.isTest()) {
                            ran.add(identifier.getDisplayName());
                        }
                    }
                });
        assertThat(reasons.isEmpty()).as("either skipped or ran").isEqualTo(ran.size() == 1);
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    @Test
    void aMissingImageSkipsTheClassAsComponentAbsentAlsoThroughAnotherAnnotation() {
        assertThat(skipReason(DirectlyAnnotated.class)).startsWith(ComponentAbsent.PREFIX);
        assertThat(skipReason(MetaAnnotated.class)).startsWith(ComponentAbsent.PREFIX);
    }

    @Test
    void redisAndChromiumConditionsRunTheClassWhenPresentAndSkipItAsComponentAbsentOtherwise() {
        String redis = skipReason(NeedsRedis.class);
        String chromium = skipReason(NeedsChromium.class);

        if (RedisServer.binary() != null) {
            assertThat(redis).isNull();
        } else {
            assertThat(redis).startsWith(ComponentAbsent.PREFIX);
        }
        if (Chromium.installed()) {
            assertThat(chromium).isNull();
        } else {
            assertThat(chromium).startsWith(ComponentAbsent.PREFIX);
        }
    }
}
