-- Each article's table of contents and word count (for the reading time), computed from its HTML when the article is
-- written (SqliteOutlines), so that a page view does not walk the body again. Null for rows written before this
-- version: the next start fills them in (IArticleStore.FillMissingOutlinesAsync), and until then they are computed
-- from the body when read.
ALTER TABLE articles ADD COLUMN outline TEXT;
