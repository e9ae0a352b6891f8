package com.themepress.runtime.invoke;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.themepress.runtime.pool.PoolProperties;

/**
 * Refuses to start when one deployment's share could take every call thread: a deployment holds up
 * to {@code max-calls-per-deployment} threads with calls running and {@code max-queue} more with
 * calls waiting, and the servlet container has {@code server.tomcat.threads.max}. If the share
 * reached that, the bulkhead would protect nobody.
 */
@Component
class CallCapacity {

    /** Spring Boot's own default, for a runtime started without our application.yml. */
    static final int TOMCAT_DEFAULT_THREADS = 200;

    CallCapacity(PoolProperties pool, Environment environment) {
        int threads = environment.getProperty("server.tomcat.threads.max", Integer.class, TOMCAT_DEFAULT_THREADS);
        long share = (long) pool.maxCallsPerDeployment() + pool.maxQueue();
        if (share >= threads) {
            throw new IllegalStateException("themepress.runtime.pool.max-calls-per-deployment ("
                    + pool.maxCallsPerDeployment() + ") plus max-queue (" + pool.maxQueue() + ") must stay below "
                    + "server.tomcat.threads.max (" + threads + "), or one addon's calls can take every thread.");
        }
    }
}
