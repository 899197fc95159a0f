-- A feed entry's id (RSS guid, Atom id, JSON Feed id) is the tag URI tag:<host>,<feed_key>. It used to be computed
-- from the row's id and creation day, which an export and import into another database cannot keep; stored, it
-- travels in the exported front matter (feed-id) and survives. Existing rows get exactly the old formula, the UTC
-- day of created_at (fixed-width UTC text, see SqliteDates) and the id, so that no feed reader sees an article anew.
-- New rows get theirs from ArticleRepository.WriteAsync, in the insert's transaction; the index keeps each unique.
ALTER TABLE articles ADD COLUMN feed_key TEXT;

UPDATE articles SET feed_key = substr(created_at, 1, 10) || ':artikel/' || id;

CREATE UNIQUE INDEX ix_articles_feed_key ON articles (feed_key);
