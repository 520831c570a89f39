package com.stockcount.scaningest.infrastructure.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.stockcount.platform.rest.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus REST ships its own mapper for {@link MismatchedInputException} (a value of the wrong JSON
 * type), more specific than the platform's {@code JsonProcessingException} one, which answers a
 * plain JSON body without the field. This hands it back to the platform's problem mapping.
 */
public class MismatchedJsonMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return problems.malformedJson(e);
    }
}
