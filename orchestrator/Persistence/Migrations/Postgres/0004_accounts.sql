-- Who may use the server (issue #8): users with a role, their API keys, and the keys that protect session cookies.

-- A user signs in to the UI with a password (hashed: ASP.NET Core Identity's PBKDF2 format). The security stamp
-- changes when the password changes or the user is disabled, which ends every session made before.
CREATE TABLE users (
    name           text PRIMARY KEY,
    password_hash  text NOT NULL,
    role           text NOT NULL,
    security_stamp text NOT NULL,
    created_at     bigint NOT NULL,
    disabled_at    bigint,
    last_login_at  bigint
);

-- An API key is stored only as the SHA-256 of its secret (keys are long random strings, so no salt is needed);
-- prefix is the secret's first characters, shown so its owner can tell keys apart. Revoked keys stay as a record.
CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    key_hash     text NOT NULL UNIQUE,
    prefix       text NOT NULL,
    name         text NOT NULL,
    user_name    text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    role         text NOT NULL,
    created_at   bigint NOT NULL,
    expires_at   bigint NOT NULL,
    last_used_at bigint,
    revoked_at   bigint
);

CREATE INDEX api_keys_by_user ON api_keys (user_name);

-- ASP.NET Core Data Protection's key ring (XML elements), in the database rather than a folder: every server
-- behind one database reads the same session cookies, and steps, which share the data folder, cannot read it.
CREATE TABLE data_protection_keys (
    name text PRIMARY KEY,
    xml  text NOT NULL
);
