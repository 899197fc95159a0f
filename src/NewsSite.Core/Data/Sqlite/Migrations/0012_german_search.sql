-- German search (docs/search.md, docs/decisions/0011-german-search.md).

-- The index now holds the terms of GermanSearchAnalyzer, not the text: "Köln" and "koeln" are both "koln", "Straße"
-- is "strass", "Gefangene" and "Gefangener" are "gefang". The analysis is done in C# (an FTS5 tokenizer cannot be
-- written through Microsoft.Data.Sqlite), so the table only splits at the spaces between terms; remove_diacritics 0
-- because the analyser has folded them already. Excerpts are cut from the original text in C#, not by snippet().
-- The old rows held text, not terms: the table is made anew, and at the next start IndexUnindexedArticlesAsync fills
-- it for every article (one transaction; its time at 100,000 articles was not measured, see docs/search.md).
DROP TABLE article_search;

CREATE VIRTUAL TABLE article_search USING fts5(
    title,
    summary,
    body,      -- terms of the plain text of articles.body_html (HtmlPlainText)
    tags,      -- terms of the display names
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- Every term ever indexed, whatever the state of its article: where "Meinten Sie …?" looks for words close to one
-- that found nothing. Only a candidate list: a suggestion is made only from a term that a published article holds
-- (checked against article_search and the public rule at the time of the search), in a word form read from that
-- article, so a term of a draft never reaches a reader. Rows are never deleted; a term no published article holds
-- any more is simply never suggested.
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;
