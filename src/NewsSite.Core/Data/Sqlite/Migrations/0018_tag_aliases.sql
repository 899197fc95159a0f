-- Tags kept tidy (decision 0018): aliases and former slugs.

-- A variant of a tag's name ("Koeln", "koeln") that stands for the tag ("Köln"): an article naming the variant gets
-- the tag, in the import, the upload and the editor alike. variant_key is the normalized form (TagName.Key), which is
-- never also a tag's name_key (the store keeps it so); variant is the spelling as given, for the admin and the export.
-- Merging tag A into B makes A's name an alias of B.
CREATE TABLE tag_aliases (
    variant_key TEXT PRIMARY KEY,
    variant     TEXT NOT NULL,
    tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_tag_aliases_tag ON tag_aliases (tag_id);

-- A renamed or merged tag's former slug keeps answering with a 301 to the tag it went to, like an article's.
CREATE TABLE tag_redirects (
    slug       TEXT PRIMARY KEY,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_tag_redirects_tag ON tag_redirects (tag_id);
