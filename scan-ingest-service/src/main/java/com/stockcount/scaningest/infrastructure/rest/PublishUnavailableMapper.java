package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.platform.rest.Problem;
import com.stockcount.scaningest.scan.PublishUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The event log is out of reach: tell the device to send the same batch again later. */
public class PublishUnavailableMapper {

    @ServerExceptionMapper
    public Response unavailable(PublishUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .entity(Problem.of(503, "Service Unavailable", e.getMessage()))
                .build();
    }
}
