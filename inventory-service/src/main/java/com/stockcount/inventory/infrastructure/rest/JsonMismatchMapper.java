package com.stockcount.inventory.infrastructure.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.stockcount.platform.rest.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus ships its own mapper for {@link MismatchedInputException} (an unknown enum value, a string
 * where a number belongs), which beats the platform's mapper of its superclass and answers a
 * non-problem body. This hands it back to the platform, so the 400 names the field like every other.
 */
public class JsonMismatchMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        return problems.malformedJson(e);
    }
}
