package com.themepress.server;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.themepress.model.memory.IdleTrimConfiguration;
import com.themepress.model.problem.web.ProblemErrorController;
import com.themepress.model.service.web.ServiceKeyConfiguration;
import com.themepress.runtimeclient.RuntimeClientConfiguration;

@SpringBootApplication
@Import({ProblemErrorController.class, RuntimeClientConfiguration.class, ServiceKeyConfiguration.class, IdleTrimConfiguration.class})
@ConfigurationPropertiesScan
public class AddonServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AddonServerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
