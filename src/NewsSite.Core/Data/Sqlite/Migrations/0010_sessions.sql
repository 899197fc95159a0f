-- Server-side sessions (decision 0009): the login cookie names a row here, and every signed-in request looks it up by
-- its primary key, so that logout, a password or role change and a removed account end a session at once, wherever
-- its cookie went. The cookie holds a random id; only its SHA-256 is stored, so that a backup or a copy of this file
-- opens no session. Instants are UTC text, see SqliteDates.
CREATE TABLE sessions (
    id_hash        TEXT PRIMARY KEY,                 -- hex SHA-256 of the id in the cookie (SessionToken.Hash)
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,                    -- moved at most once a minute; the idle limit counts from it
    expires_at     TEXT NOT NULL,                    -- the absolute end, however busy the session is
    client_address TEXT NOT NULL,                    -- where the login came from, for the account's list of sessions
    user_agent     TEXT NOT NULL
) WITHOUT ROWID;

-- Ending every session of an account (password, role, removal), and listing them.
CREATE INDEX ix_sessions_user ON sessions (user_id);
