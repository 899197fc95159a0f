-- Corrections (decision 0019): the public notes an article gathers when it is corrected ("In einer früheren Fassung
-- stand …"). The article's source (front matter corrections:) is their origin; these rows are written from it in the
-- article's unit of work, so that the corrections page and the article page read them without parsing sources.
-- 0017 and 0018 belong to changes made alongside this one.
CREATE TABLE article_corrections (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    corrected_at TEXT NOT NULL,        -- UTC text like every instant (SqliteDates)
    text         TEXT NOT NULL,        -- plain text, shown encoded
    revision     INTEGER NOT NULL      -- the article's revision whose save first carried it
);

-- The article page and the feeds read an article's corrections, newest first.
CREATE INDEX ix_article_corrections_article ON article_corrections (article_id, corrected_at DESC, id DESC);

-- /korrekturen lists every correction of a published article, newest first, a page at a time.
CREATE INDEX ix_article_corrections_newest ON article_corrections (corrected_at DESC, id DESC);
