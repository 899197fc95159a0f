-- Authors' bios: the current one on the authors row, every saved version in author_bio_versions.

-- Markdown as the editor wrote it and its HTML, rendered and sanitized by MarkdownRenderer when saved, never per
-- request. Both null while the author has no bio.
ALTER TABLE authors ADD COLUMN bio_markdown TEXT;
ALTER TABLE authors ADD COLUMN bio_html TEXT;

-- SHA-256 of the profile file (content/authors/<slug>.md) imported last: an unchanged file changes nothing, so a bio
-- edited in the admin since is not overwritten by the same old file. Null while no profile file was imported.
ALTER TABLE authors ADD COLUMN profile_hash TEXT;

-- Every save of a bio, from the admin or an import, numbered per author. An empty markdown is a bio that was removed.
-- No ON DELETE CASCADE: nothing an editor saved can vanish with a row.
CREATE TABLE author_bio_versions (
    id            INTEGER PRIMARY KEY,
    author_id     INTEGER NOT NULL REFERENCES authors (id),
    number        INTEGER NOT NULL,
    markdown      TEXT NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('import', 'editor')),
    origin_detail TEXT NOT NULL,            -- the imported file's path, or the editor's account
    created_at    TEXT NOT NULL,
    UNIQUE (author_id, number)
);
