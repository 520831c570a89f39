package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.platform.rest.Problem;
import com.stockcount.scaningest.reader.MalformedBodyException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A reader's body that cannot be read at all: 400 saying where. */
public class MalformedBodyMapper {

    @ServerExceptionMapper
    public Response malformed(MalformedBodyException e) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of(400, "Bad Request", e.getMessage())).build();
    }
}
