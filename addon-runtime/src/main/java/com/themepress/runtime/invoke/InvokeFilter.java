package com.themepress.runtime.invoke;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.themepress.model.http.CallBudget;
import com.themepress.model.requests.RequestIds;
import com.themepress.model.http.SiteContext;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.problem.web.ServletProblems;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.time.Ticker;
import com.themepress.runtime.web.Bodies;
import com.themepress.runtime.web.WebProperties;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Calls from the addon-server and the widget-renderer into a deployment's instances:
 * {@code POST /runtime/deployments/{name}/{version}/execute/{action}}, {@code .../render/{widget}}
 * and {@code .../events}. The body and Content-Type go through unchanged, and the addon's 2xx or
 * 4xx answer comes back unchanged with the {@code X-Instance-Id} that served it.
 *
 * <p>A filter rather than a controller: this is the data path, and skipping the dispatcher,
 * argument resolution, message conversion and the generic request observation roughly halves what
 * the runtime spends per call (measured in addon-runtime/README.md). Calls are measured by
 * {@code addon_executions_total} and {@code addon_response_time_seconds} instead.
 */
@Component
class InvokeFilter extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(InvokeFilter.class);
    private static final Pattern PATH = Pattern.compile(
            "^/runtime/deployments/([^/]+)/([^/]+)/(?:execute/([^/]+)|render/([^/]+)|(events))$");
    /** Endpoint and widget names: one safe path segment. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    private final Forwarder forwarder;
    private final long maxBody;
    private final Ticker ticker;

    InvokeFilter(Forwarder forwarder, WebProperties web, Ticker ticker) {
        this.forwarder = forwarder;
        this.maxBody = web.maxBody().toBytes();
        this.ticker = ticker;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/runtime/deployments/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            if (!"POST".equals(request.getMethod())) {
                PlatformException notAllowed = new PlatformException(ProblemType.METHOD_NOT_ALLOWED,
                        "Calls into a deployment are POSTs.");
                notAllowed.getHeaders().set(HttpHeaders.ALLOW, "POST");
                throw notAllowed;
            }
            reply(response, forwarder.forward(new DeploymentKey(path.group(1), path.group(2)), call(path, request)));
        } catch (PlatformException problem) {
            ServletProblems.write(request, response, problem);
        } catch (RuntimeException unexpected) {
            log.error("Unhandled error on POST {}", request.getRequestURI(), unexpected);
            ServletProblems.write(request, response, new PlatformException(ProblemType.INTERNAL,
                    "An internal error occurred; it has been logged."));
        }
    }

    private Call call(Matcher path, HttpServletRequest request) throws IOException {
        long deadline = deadline(request);
        String action = path.group(3);
        String widget = path.group(4);
        if (action != null) {
            checkName("action", action);
        } else if (widget != null) {
            checkName("widget", widget);
        }
        byte[] body = Bodies.read(request, maxBody);
        String contentType = request.getContentType();
        String requestId = RequestIds.current(); // the caller's, or one made for it (RequestIdFilter)
        SiteContext site = SiteContext.fromHeaders(request.getHeader(SiteContext.SITE_HEADER), request.getHeader(SiteContext.SETTINGS_HEADER));
        if (action != null) {
            return Call.execute(action, body, contentType, requestId, deadline, site);
        }
        return widget != null ? Call.render(widget, body, contentType, requestId, deadline, site)
                : Call.event(body, contentType, requestId, deadline, site);
    }

    /** The caller's budget counts from when its call arrived here; without one the runtime's own bounds apply. */
    private long deadline(HttpServletRequest request) {
        OptionalLong budget = CallBudget.parse(request.getHeader(CallBudget.HEADER));
        if (budget.isEmpty()) {
            return Call.NO_DEADLINE;
        }
        long now = ticker.nanoTime();
        long nanos = TimeUnit.MILLISECONDS.toNanos(budget.getAsLong());
        long deadline = now + nanos;
        return deadline < now ? Call.NO_DEADLINE : deadline; // a budget past the end of the clock is none
    }

    private static void reply(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        response.setHeader(Forwarder.INSTANCE_HEADER, answer.instanceId());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private static void checkName(String what, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    "The " + what + " name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.",
                    List.of(new FieldError("", what + " '" + value + "' is not a valid name")));
        }
    }
}
