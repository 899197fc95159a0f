-- Articles with their authors, tags and revisions. Instants are UTC text, see SqliteDates.

CREATE TABLE authors (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL
);

-- One row per normalized name: "Köln", " köln " and "KÖLN" share name_key "köln".
CREATE TABLE tags (
    id           INTEGER PRIMARY KEY,
    name_key     TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    slug         TEXT NOT NULL UNIQUE
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES authors (id),
    published_at TEXT,                      -- null only for a draft that never had a date
    updated_at   TEXT,
    is_draft     INTEGER NOT NULL CHECK (is_draft IN (0, 1)),
    body_html    TEXT NOT NULL,             -- rendered and sanitized when written, never per request
    content_hash TEXT NOT NULL,             -- SHA-256 of the Markdown source of the current revision
    source_key   TEXT UNIQUE,               -- the imported file's path below the content folder; null for editor articles
    revision     INTEGER NOT NULL,          -- number of the current revision
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL
);

-- Home page and every public listing: newest published first.
CREATE INDEX ix_articles_published ON articles (published_at DESC) WHERE is_draft = 0;

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id),
    tag_id     INTEGER NOT NULL REFERENCES tags (id),
    position   INTEGER NOT NULL,            -- the order the author gave
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;

-- Tag pages and related articles go from a tag to its articles.
CREATE INDEX ix_article_tags_tag ON article_tags (tag_id, article_id);

-- Every write of an article keeps its source. No ON DELETE CASCADE: an article with history cannot vanish.
CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id),
    number        INTEGER NOT NULL,
    markdown      TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('import', 'editor')),
    origin_detail TEXT NOT NULL,            -- the imported file's path, or the editor's account
    created_at    TEXT NOT NULL,
    UNIQUE (article_id, number)
);
