-- Pictures (decision 0010). The files live in the data directory's images/ folder under content-hash names; this
-- table keeps what is known of each, so that every web node can answer for a picture stored by another one.
CREATE TABLE pictures (
    file_name   TEXT PRIMARY KEY,                   -- 32 hex digits of the uploaded bytes' SHA-256 and the extension
    width       INTEGER NOT NULL CHECK (width > 0), -- upright, after EXIF orientation
    height      INTEGER NOT NULL CHECK (height > 0),
    format      TEXT NOT NULL,                      -- the extension: .jpg, .png, .webp or .gif
    bytes       INTEGER NOT NULL,                   -- of the stored (stripped) file
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- An article's lead picture as JSON (file, width, height, alt, caption, credit; see SqliteLeadPictures), or NULL.
-- One column rather than six: every read of a teaser or an article takes it whole, and none filters by it.
ALTER TABLE articles ADD COLUMN lead_picture TEXT;
