-- Authors are people (decision 0021): co-authors, a profile's account and former author slugs.

-- The byline's further authors after articles.author_id (position 0, which keeps ix_articles_author_live and every
-- single-author article as it was): position 1, 2, … in the byline's order. An article with one author has no row.
-- Like article_tags (0006_scale.sql), each row carries a copy of its article's published_at and liveness, kept equal
-- by the trigger below, so that an author's page reads the co-written articles in order from one covering index.
CREATE TABLE article_authors (
    article_id   INTEGER NOT NULL REFERENCES articles (id),
    position     INTEGER NOT NULL CHECK (position >= 1),
    author_id    INTEGER NOT NULL REFERENCES authors (id),
    published_at TEXT,
    is_live      INTEGER NOT NULL CHECK (is_live IN (0, 1)),
    PRIMARY KEY (article_id, position),
    UNIQUE (article_id, author_id)
) WITHOUT ROWID;

CREATE INDEX ix_article_authors_author ON article_authors (author_id, is_live, published_at DESC, article_id DESC);

CREATE TRIGGER article_authors_follow_article
AFTER UPDATE OF published_at, is_draft, trashed_at ON articles
BEGIN
    UPDATE article_authors
    SET published_at = NEW.published_at, is_live = (NEW.is_draft = 0 AND NEW.trashed_at IS NULL)
    WHERE article_id = NEW.id
      AND (published_at IS NOT NEW.published_at OR is_live <> (NEW.is_draft = 0 AND NEW.trashed_at IS NULL));
END;

-- authors.live_articles (0006_scale.sql) counts co-written articles too, as tags.live_articles counts its rows.
CREATE TRIGGER article_authors_count_added AFTER INSERT ON article_authors WHEN NEW.is_live = 1
BEGIN
    UPDATE authors SET live_articles = live_articles + 1 WHERE id = NEW.author_id;
END;

CREATE TRIGGER article_authors_count_removed AFTER DELETE ON article_authors WHEN OLD.is_live = 1
BEGIN
    UPDATE authors SET live_articles = live_articles - 1 WHERE id = OLD.author_id;
END;

CREATE TRIGGER article_authors_count_changed AFTER UPDATE OF is_live, author_id ON article_authors
BEGIN
    UPDATE authors SET live_articles = live_articles - OLD.is_live WHERE id = OLD.author_id;
    UPDATE authors SET live_articles = live_articles + NEW.is_live WHERE id = NEW.author_id;
END;

-- Articles are not deleted today; should one be, its co-authors go with it.
CREATE TRIGGER articles_coauthors_removed BEFORE DELETE ON articles
BEGIN
    DELETE FROM article_authors WHERE article_id = OLD.id;
END;

-- The account a profile belongs to: the byline of that person's new article. One profile per account.
ALTER TABLE authors ADD COLUMN account_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX ix_authors_account ON authors (account_id) WHERE account_id IS NOT NULL;

-- A renamed author's former slug keeps answering with a 301 to their page, like a tag's (tag_redirects).
CREATE TABLE author_redirects (
    slug       TEXT PRIMARY KEY,
    author_id  INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_author_redirects_author ON author_redirects (author_id);
