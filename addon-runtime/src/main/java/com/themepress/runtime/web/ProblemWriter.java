package com.themepress.runtime.web;

import java.io.IOException;

import org.springframework.stereotype.Component;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.web.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The runtime's filters answer problems through this bean; the body is the platform's one
 * {@link ServletProblems} writer, so it matches what {@link com.themepress.model.problem.web.ProblemHandler} answers.
 */
@Component
public class ProblemWriter {

    public void write(HttpServletRequest request, HttpServletResponse response, PlatformException problem) throws IOException {
        ServletProblems.write(request, response, problem);
    }
}
