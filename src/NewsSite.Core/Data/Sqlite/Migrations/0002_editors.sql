-- Editor accounts, the trash, old slugs that still redirect. Instants are UTC text, see SqliteDates.

-- Names are stored lower-case (AccountName), so UNIQUE compares them as a person would.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    role                TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash       TEXT NOT NULL,          -- ASP.NET Core PasswordHasher (PBKDF2), never the password
    security_stamp      TEXT NOT NULL,          -- changes with the password; sessions carrying an old one end
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

-- An article in the trash is hidden everywhere public but keeps its row, tags and revisions; restore clears this.
ALTER TABLE articles ADD COLUMN trashed_at TEXT;

DROP INDEX ix_articles_published;
CREATE INDEX ix_articles_published ON articles (published_at DESC) WHERE is_draft = 0 AND trashed_at IS NULL;

-- Every address an article was reachable under before its slug changed. The old address answers 301 to the
-- current one, and stays reserved for its article: no other article can take it over.
CREATE TABLE slug_redirects (
    slug       TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    created_at TEXT NOT NULL
) WITHOUT ROWID;
