package com.themepress.model.problem;

import java.util.List;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure that knows its problem type. Thrown anywhere in a service and rendered as
 * {@code application/problem+json} by Spring's ProblemDetail support, so there is one error shape.
 */
public class PlatformException extends ErrorResponseException {

    private final ProblemType problemType;
    private final List<FieldError> errors;

    public PlatformException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public PlatformException(ProblemType type, String detail, List<FieldError> errors) {
        super(type.status(), problem(type, detail, errors), null);
        this.problemType = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType problemType() {
        return problemType;
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String getMessage() {
        return problemType.title() + ": " + getBody().getDetail();
    }

    /** Builds the body every service answers with; {@code errors} appears only when non-empty. */
    public static ProblemDetail problem(ProblemType type, String detail, List<FieldError> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
        body.setType(type.uri());
        body.setTitle(type.title());
        if (!errors.isEmpty()) {
            body.setProperty("errors", List.copyOf(errors));
        }
        return body;
    }

    public static PlatformException notFound(ProblemType type, String detail) {
        return new PlatformException(type, detail);
    }

    public static PlatformException invalid(ProblemType type, String detail, List<FieldError> errors) {
        return new PlatformException(type, detail, errors);
    }
}
