package com.themepress.runtime.sandbox;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.problem.web.ServletProblems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An instance can reach the host through its network's gateway address, and so this runtime's
 * port: it must not be able to deploy, delete or call anything. Requests from the sandbox
 * networks' subnets are refused with 403 before anything else runs.
 */
@Component
class SandboxCallerFilter extends OncePerRequestFilter implements Ordered {

    private final SandboxSubnets subnets;

    SandboxCallerFilter(SandboxSubnets subnets) {
        this.subnets = subnets;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (subnets.contains(request.getRemoteAddr())) {
            ServletProblems.write(request, response, new PlatformException(ProblemType.FORBIDDEN,
                    "Addon instances may not call the runtime."));
            return;
        }
        chain.doFilter(request, response);
    }
}
