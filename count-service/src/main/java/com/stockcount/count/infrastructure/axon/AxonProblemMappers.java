package com.stockcount.count.infrastructure.axon;

import com.stockcount.count.sessions.domain.SessionRefused;
import com.stockcount.count.sessions.domain.UnknownLine;
import com.stockcount.platform.rest.Problem;
import com.stockcount.platform.rest.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals of the aggregates as problem bodies: a business "no" is a 409, an unknown id a 404. */
public class AxonProblemMappers {

    @ServerExceptionMapper
    public Response refused(SessionRefused e) {
        return ProblemMappers.respond(Problem.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownLine(UnknownLine e) {
        return ProblemMappers.respond(Problem.of(404, "Not Found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownAggregate(AggregateNotFoundException e) {
        return ProblemMappers.respond(Problem.of(404, "Not Found", e.getAggregateIdentifier() + " does not exist"));
    }
}
