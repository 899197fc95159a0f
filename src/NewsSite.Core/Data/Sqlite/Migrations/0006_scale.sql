-- Built for 100,000 articles: every listing reads its page from an index, counts come from counters kept on write,
-- and every public change is written to a journal that the page caches of all processes evict from.
-- "Live" below means neither a draft nor in the trash: published, or scheduled for later.

-- The listings (home, month, author) walk this index and find each page's ids in it, without touching the rows.
DROP INDEX ix_articles_published;
CREATE INDEX ix_articles_live ON articles (published_at DESC, id DESC, is_draft, trashed_at) WHERE is_draft = 0 AND trashed_at IS NULL;

DROP INDEX ix_articles_author;
CREATE INDEX ix_articles_author_live ON articles (author_id, published_at DESC, id DESC, is_draft, trashed_at)
    WHERE is_draft = 0 AND trashed_at IS NULL;

-- A tag page and the related articles read a tag's newest live articles. Copying published_at and liveness onto
-- the tag rows lets one index answer both, including a page deep in a big tag, without a row lookup per article.
-- Kept equal to the article by the trigger below; new rows get them from ArticleRepository.ReplaceTagsAsync.
ALTER TABLE article_tags ADD COLUMN published_at TEXT;
ALTER TABLE article_tags ADD COLUMN is_live INTEGER NOT NULL DEFAULT 0 CHECK (is_live IN (0, 1));

UPDATE article_tags
SET published_at = (SELECT a.published_at FROM articles a WHERE a.id = article_tags.article_id),
    is_live = (SELECT a.is_draft = 0 AND a.trashed_at IS NULL FROM articles a WHERE a.id = article_tags.article_id);

DROP INDEX ix_article_tags_tag;
CREATE INDEX ix_article_tags_tag ON article_tags (tag_id, is_live, published_at DESC, article_id DESC);

CREATE TRIGGER article_tags_follow_article
AFTER UPDATE OF published_at, is_draft, trashed_at ON articles
BEGIN
    UPDATE article_tags
    SET published_at = NEW.published_at, is_live = (NEW.is_draft = 0 AND NEW.trashed_at IS NULL)
    WHERE article_id = NEW.id
      AND (published_at IS NOT NEW.published_at OR is_live <> (NEW.is_draft = 0 AND NEW.trashed_at IS NULL));
END;

-- Live articles per tag, per author and in all: the tag frequencies of the related-articles ranking and the totals
-- of the listings' pagination, maintained by triggers on every write, so that no page counts 100,000 rows.
ALTER TABLE tags ADD COLUMN live_articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE authors ADD COLUMN live_articles INTEGER NOT NULL DEFAULT 0;

CREATE TABLE article_totals (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    live_articles INTEGER NOT NULL
);

UPDATE tags SET live_articles = (SELECT count(*) FROM article_tags at WHERE at.tag_id = tags.id AND at.is_live = 1);
UPDATE authors SET live_articles =
    (SELECT count(*) FROM articles a WHERE a.author_id = authors.id AND a.is_draft = 0 AND a.trashed_at IS NULL);
INSERT INTO article_totals (id, live_articles)
SELECT 1, count(*) FROM articles WHERE is_draft = 0 AND trashed_at IS NULL;

CREATE TRIGGER tags_count_added AFTER INSERT ON article_tags WHEN NEW.is_live = 1
BEGIN
    UPDATE tags SET live_articles = live_articles + 1 WHERE id = NEW.tag_id;
END;

CREATE TRIGGER tags_count_removed AFTER DELETE ON article_tags WHEN OLD.is_live = 1
BEGIN
    UPDATE tags SET live_articles = live_articles - 1 WHERE id = OLD.tag_id;
END;

CREATE TRIGGER tags_count_changed AFTER UPDATE OF is_live, tag_id ON article_tags
BEGIN
    UPDATE tags SET live_articles = live_articles - OLD.is_live WHERE id = OLD.tag_id;
    UPDATE tags SET live_articles = live_articles + NEW.is_live WHERE id = NEW.tag_id;
END;

CREATE TRIGGER articles_count_added AFTER INSERT ON articles WHEN NEW.is_draft = 0 AND NEW.trashed_at IS NULL
BEGIN
    UPDATE authors SET live_articles = live_articles + 1 WHERE id = NEW.author_id;
    UPDATE article_totals SET live_articles = live_articles + 1;
END;

CREATE TRIGGER articles_count_removed AFTER DELETE ON articles WHEN OLD.is_draft = 0 AND OLD.trashed_at IS NULL
BEGIN
    UPDATE authors SET live_articles = live_articles - 1 WHERE id = OLD.author_id;
    UPDATE article_totals SET live_articles = live_articles - 1;
END;

CREATE TRIGGER articles_count_changed AFTER UPDATE OF is_draft, trashed_at, author_id ON articles
BEGIN
    UPDATE authors SET live_articles = live_articles - 1
    WHERE id = OLD.author_id AND OLD.is_draft = 0 AND OLD.trashed_at IS NULL;
    UPDATE authors SET live_articles = live_articles + 1
    WHERE id = NEW.author_id AND NEW.is_draft = 0 AND NEW.trashed_at IS NULL;
    UPDATE article_totals
    SET live_articles = live_articles
        - (OLD.is_draft = 0 AND OLD.trashed_at IS NULL) + (NEW.is_draft = 0 AND NEW.trashed_at IS NULL);
END;

-- One row per committed change that readers can see (or could see before it), written in the change's own
-- transaction: which articles, tags and authors it touched, before and after. Each web process evicts its page
-- cache from here, for its own writes at once and for other processes' (an import command) within a second.
-- AUTOINCREMENT: ids never repeat, even after old rows are pruned, so "the last id seen" stays meaningful.
CREATE TABLE content_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    changed_at   TEXT NOT NULL,
    article_slugs TEXT NOT NULL,            -- space-separated; slugs never contain spaces
    tag_slugs    TEXT NOT NULL,
    author_slugs TEXT NOT NULL
);
