package com.themepress.testsupport.redis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.themepress.testsupport.ComponentAbsent;

/**
 * The test class starts redis-server processes of its own ({@link RedisServer}); without the binary
 * it is skipped as "Component absent" before anything starts, so the skip carries its reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresRedisServer.Condition.class)
public @interface RequiresRedisServer {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return RedisServer.binary() != null
                    ? ConditionEvaluationResult.enabled("redis-server found")
                    : ComponentAbsent.disabled("redis-server is not installed (apt-get install -y redis-server)");
        }
    }
}
