package com.stockcount.count.security;

import com.stockcount.platform.rest.Problem;
import com.stockcount.platform.rest.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A missing or invalid token is a 401 problem, a missing permission a 403 problem naming what is needed. */
public class SecurityProblemMappers {

    private static final String BEARER = "Bearer realm=\"stockcount\"";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated("a bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated("the bearer token is invalid or expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMappers.respond(Problem.of(403, "Forbidden",
                e.getMessage() == null ? "not permitted" : e.getMessage()));
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(ProblemMappers.respond(Problem.of(401, "Unauthorized", detail)))
                .header("WWW-Authenticate", BEARER).build();
    }
}
