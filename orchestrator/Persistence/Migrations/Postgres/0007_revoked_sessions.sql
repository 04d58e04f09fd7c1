-- Browser sessions ended by signing out (issue #20). A session cookie carries everything needed to accept it, so a
-- copy kept from before the sign-out would work until the cookie expires; signing out records the session's id here
-- until then, and every request with a session cookie is checked against it. Rows past expires_at are deleted.
CREATE TABLE revoked_sessions (
    id         text PRIMARY KEY,
    user_name  text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    revoked_at bigint NOT NULL,
    expires_at bigint NOT NULL
);

CREATE INDEX revoked_sessions_by_expiry ON revoked_sessions (expires_at);
