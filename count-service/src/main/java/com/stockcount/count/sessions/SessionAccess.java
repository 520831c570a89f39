package com.stockcount.count.sessions;

import com.stockcount.count.security.Caller;
import com.stockcount.count.security.Permission;
import com.stockcount.platform.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The check before every session endpoint: the permission (else 403), then the session's site (else 404). */
@RequestScoped
public class SessionAccess {

    @Inject
    Caller caller;
    @Inject
    SessionQueries queries;

    /** The check alone: one primary-key read of the session's site, not its totals (a 100,000-line session has many). */
    public void check(String sessionId, Permission needed) {
        caller.require(needed);
        String site = queries.siteOf(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        caller.requireSite(site, "session", sessionId);
    }

    /** The check, then the session with its totals, for the endpoints that need them. */
    public SessionView require(String sessionId, Permission needed) {
        check(sessionId, needed);
        return queries.session(sessionId);
    }
}
