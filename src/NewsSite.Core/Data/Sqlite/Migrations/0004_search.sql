-- Full-text search over the published text of every article (see docs/search.md).

-- One row per article, rowid = articles.id, written in the same transaction as the article (ArticleRepository).
-- The row holds no visibility: every search joins articles and applies the public rule, so trash, restore and
-- scheduling need no index change.
-- unicode61 folds case and, with remove_diacritics 2, strips accents from letters: "gesprache" finds "Gespräche".
-- The prefix index on 2 and 3 characters keeps short prefix queries ("sa"*, "sac"*) from scanning every term.
-- The text is kept in the table (no content=''), since snippet() reads it to show where a term matched.
CREATE VIRTUAL TABLE article_search USING fts5(
    title,
    summary,
    body,      -- plain text of articles.body_html (HtmlPlainText)
    tags,      -- display names, separated by spaces
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
