package com.stockcount.count.security;

import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.platform.rest.ProblemException;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls, from the bearer token: {@code sub} the user, {@code groups} the permissions,
 * {@code sites} the sites granted. Outside their sites a caller is told "not found" (404): a
 * count of another store is not theirs to know of.
 */
@RequestScoped
public class Caller {

    /** Header by which a device acting for the user names itself, so that a device's lock covers its own calls. */
    public static final String DEVICE_HEADER = "X-Device-Id";

    @Inject
    JsonWebToken token;
    @Inject
    HttpHeaders headers;

    public String user() {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }

    /** The one acting: {@code device:<id>} when the request names a device, otherwise the user. */
    public String actor() {
        String device = headers.getHeaderString(DEVICE_HEADER);
        return device == null || device.isBlank() ? user() : SessionAggregate.DEVICE + device.strip();
    }

    public boolean may(Permission permission) {
        Set<String> groups = token.getGroups();
        return groups != null && permission.groups().stream().anyMatch(groups::contains);
    }

    public void require(Permission permission) {
        if (!may(permission)) {
            throw new ForbiddenException("this needs one of the permissions " + permission.groups().stream().sorted()
                    .collect(Collectors.joining(", ")));
        }
    }

    public Set<String> sites() {
        Object claim = token.getClaim("sites");
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString())
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    public boolean grantedSite(String site) {
        return sites().contains(site);
    }

    /** A resource of a site the caller has no grant for does not exist for them. */
    public void requireSite(String site, String kind, String id) {
        if (!grantedSite(site)) {
            throw ProblemException.notFound(kind, id);
        }
    }
}
