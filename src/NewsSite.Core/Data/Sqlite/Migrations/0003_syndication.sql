-- Author pages and feeds, and the content version that feeds, sitemaps and pages are validated against (ETag).

-- An author's page and feed: that author's published articles, newest first.
CREATE INDEX ix_articles_author ON articles (author_id, published_at DESC) WHERE is_draft = 0 AND trashed_at IS NULL;

-- max(modified_at) is the moment of the last write to any article; answered from the end of this index.
CREATE INDEX ix_articles_modified ON articles (modified_at);
