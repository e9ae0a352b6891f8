package com.themepress.server.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads at most {@code maxBody + 1} bytes, so a chunked upload without Content-Length cannot make
 * the server buffer more than the limit.
 */
class JsonBodyResolver implements HandlerMethodArgumentResolver {

    private final long maxBody;

    JsonBodyResolver(WebProperties properties) {
        this.maxBody = properties.maxBody().toBytes();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == JsonBody.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        checkContentType(request.getContentType());
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        }
        if (raw.length > maxBody) {
            throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
                    "Request body exceeds the limit of " + maxBody + " bytes.");
        }
        return new JsonBody(raw, StrictJson.parse(raw));
    }

    private static void checkContentType(String contentType) {
        if (!StringUtils.hasText(contentType)) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type cannot be parsed: " + contentType);
        }
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || (type.getSubtype().endsWith("+json") && "application".equals(type.getType()));
        if (!json) {
            throw new PlatformException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Request body must be application/json, not " + type + ".");
        }
    }
}
