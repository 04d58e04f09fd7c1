-- Who may use the server (issue #8): users with a role, their API keys, and the keys that protect session cookies.

-- A user signs in to the UI with a password (hashed: ASP.NET Core Identity's PBKDF2 format). The security stamp
-- changes when the password changes or the user is disabled, which ends every session made before.
CREATE TABLE users (
    name           TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    security_stamp TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    disabled_at    INTEGER,
    last_login_at  INTEGER
);

-- An API key is stored only as the SHA-256 of its secret (keys are long random strings, so no salt is needed);
-- prefix is the secret's first characters, shown so its owner can tell keys apart. Revoked keys stay as a record.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    key_hash     TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    name         TEXT NOT NULL,
    user_name    TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    role         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

CREATE INDEX api_keys_by_user ON api_keys (user_name);

-- ASP.NET Core Data Protection's key ring (XML elements), in the database rather than a folder: every server
-- behind one database reads the same session cookies, and steps, which share the data folder, cannot read it.
CREATE TABLE data_protection_keys (
    name TEXT PRIMARY KEY,
    xml  TEXT NOT NULL
);
