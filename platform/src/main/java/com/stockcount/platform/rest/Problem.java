package com.stockcount.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code errors} names each offending
 * field with its JSON path, so a client can point at the field a user must correct.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem ofField(int status, String title, String field, String message) {
        return new Problem("about:blank", title, status, field + ": " + message, List.of(new FieldError(field, message)));
    }
}
