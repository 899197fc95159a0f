-- Fixed pages beside the articles (Impressum, Datenschutz, …; SqliteSitePageStore): Markdown rendered once when
-- written, like articles. Each saved text is kept in site_page_versions, so that an edit of a legal page can be traced
-- and undone. Instants are UTC text, see SqliteDates.
CREATE TABLE site_pages (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,              -- the address /<slug>; never one of the site's own (SitePageParser)
    title        TEXT NOT NULL,
    markdown     TEXT NOT NULL,
    body_html    TEXT NOT NULL,
    content_hash TEXT NOT NULL,                     -- of title and Markdown: a save of the same text changes nothing
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL                      -- an account name, or "import: seiten/impressum.md"
);

CREATE TABLE site_page_versions (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL,                       -- not a reference: the history outlives a deleted page
    title      TEXT NOT NULL,
    markdown   TEXT NOT NULL,
    saved_at   TEXT NOT NULL,
    saved_by   TEXT NOT NULL
);

CREATE INDEX ix_site_page_versions_slug ON site_page_versions (slug, id);
