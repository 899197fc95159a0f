-- Autosaves (decision 0014): the text an editor was typing, saved every few seconds, one row per editor and article
-- (article_id 0 for a new article that has no id yet). Not a revision, never read by a reader page, a feed, the
-- search or the cache; replaced on every autosave and deleted when the editor saves or discards it.
CREATE TABLE autosaves (
    user_name       TEXT NOT NULL,
    article_id      INTEGER NOT NULL,
    base_revision   INTEGER NOT NULL,   -- the article revision the editor started from (0 for a new article)
    form            TEXT NOT NULL,      -- the editor's fields and body as JSON
    saved_at        TEXT NOT NULL,
    PRIMARY KEY (user_name, article_id)
) WITHOUT ROWID;

-- Pruning removes autosaves older than a few weeks.
CREATE INDEX ix_autosaves_saved_at ON autosaves (saved_at);
