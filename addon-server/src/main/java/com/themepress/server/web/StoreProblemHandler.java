package com.themepress.server.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import com.themepress.model.problem.ProblemType;
import com.themepress.model.problem.web.ProblemHandler;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The shared problem handling plus the store's races: a lost optimistic lock or a duplicate key
 * is a 409 the client may retry, not a 500.
 */
@RestControllerAdvice
class StoreProblemHandler extends ProblemHandler {

    StoreProblemHandler(ObjectProvider<MeterRegistry> meters) {
        super(meters);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException e, WebRequest request) {
        return problem(ProblemType.CONCURRENT_MODIFICATION, "The resource changed while this request ran; retry it.", request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException e, WebRequest request) {
        return problem(ProblemType.CONCURRENT_MODIFICATION, "The resource was created concurrently; retry to see it.", request);
    }
}
