package com.stockcount.platform.rest;

/**
 * A refusal a caller must see with its reason: a 4xx with a problem body. Thrown by resources and
 * application services; the domain throws its own exceptions, mapped by each service.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ProblemException(int status, String title, String detail) {
        this(status, title, null, detail);
    }

    public ProblemException(int status, String title, String field, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not Found", what + " " + id + " does not exist");
    }

    public static ProblemException badField(String field, String message) {
        return new ProblemException(400, "Bad Request", field, message);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public Problem toProblem() {
        return field == null ? Problem.of(status, title, getMessage()) : Problem.ofField(status, title, field, getMessage());
    }

    public int status() {
        return status;
    }
}
