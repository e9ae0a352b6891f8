package com.themepress.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.themepress.model.memory.IdleTrimConfiguration;
import com.themepress.model.problem.web.ProblemErrorController;
import com.themepress.model.problem.web.ProblemHandler;
import com.themepress.model.service.web.ServiceKeyConfiguration;

@SpringBootApplication
@Import({ProblemHandler.class, ProblemErrorController.class, ServiceKeyConfiguration.class, IdleTrimConfiguration.class})
@ConfigurationPropertiesScan
public class AddonRuntimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(AddonRuntimeApplication.class, args);
    }
}
