-- Ressorts (decision 0012): the sections readers navigate by. Admins keep the list; an article belongs to at most
-- one. The name is what editors write in the front matter ("ressort: Politik"), the slug the address
-- (/ressort/politik), the position the order of the header navigation.
CREATE TABLE ressorts (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    slug       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- A renamed slug keeps answering with a 301 to the new one, like an article's former slug.
CREATE TABLE ressort_redirects (
    slug       TEXT PRIMARY KEY,
    ressort_id INTEGER NOT NULL REFERENCES ressorts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Optional: the hundreds of articles from before Ressorts have none. RESTRICT: a Ressort in use cannot be deleted.
ALTER TABLE articles ADD COLUMN ressort_id INTEGER REFERENCES ressorts (id) ON DELETE RESTRICT;

-- A Ressort's page and feeds read its newest live articles from this index alone, like an author's.
CREATE INDEX ix_articles_ressort_live ON articles (ressort_id, published_at DESC, id DESC, is_draft, trashed_at)
    WHERE is_draft = 0 AND trashed_at IS NULL;

-- The Ressort slugs a change touched, before and after: their pages and feeds are evicted like a tag's.
ALTER TABLE content_changes ADD COLUMN ressort_slugs TEXT NOT NULL DEFAULT '';
