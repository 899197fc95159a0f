-- The visibility check of a search hit (see docs/search.md, "Bounded work"), read from a small index instead of the
-- article's row. A search joins each full-text hit to articles by id and asks whether it is published; through the
-- primary key that reads the article's row, whose body makes it span pages (about 2 µs a hit), through this covering
-- index a few dozen bytes (under 1 µs). ArticleRepository.SearchAsync names it with INDEXED BY, because the planner
-- would take the primary key for "a.id = s.rowid". Its WHERE is the live rule of the other indexes on articles.
CREATE INDEX ix_articles_search_visible ON articles (id, published_at) WHERE is_draft = 0 AND trashed_at IS NULL;
