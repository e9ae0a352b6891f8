package com.themepress.server.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test class starts redis-server processes of its own; without the binary it is skipped with a
 * reason starting "Component absent:", the one kind of skip the test command accepts.
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
                    : ConditionEvaluationResult.disabled("Component absent: redis-server is not on the PATH");
        }
    }
}
