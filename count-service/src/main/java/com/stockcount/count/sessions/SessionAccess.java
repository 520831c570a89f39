package com.stockcount.count.sessions;

import com.stockcount.count.security.Caller;
import com.stockcount.count.security.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The check before every session endpoint: the permission (else 403), then the session's site (else 404). */
@RequestScoped
public class SessionAccess {

    @Inject
    Caller caller;
    @Inject
    SessionQueries queries;

    public SessionView require(String sessionId, Permission needed) {
        caller.require(needed);
        SessionView session = queries.session(sessionId);
        caller.requireSite(session.site(), "session", sessionId);
        return session;
    }
}
