-- Preview links (decision 0020): an editor sends an unpublished article to someone without an account. The link
-- holds a random token; only its SHA-256 is stored, so that this file, a backup or a copy of it opens no preview.
-- Revoking keeps the row (who and when, for the article's list); deleting the article deletes its links.
CREATE TABLE preview_links (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,          -- hex SHA-256 of the token in the link (PreviewToken.Hash)
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,                 -- UTC text like every instant (SqliteDates)
    created_by  TEXT NOT NULL,                 -- the account's name
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT,
    revoked_by  TEXT
);

-- The article's list of links, newest first.
CREATE INDEX ix_preview_links_article ON preview_links (article_id, created_at DESC);
