-- The bytes of each stored picture, so that every web node can serve a picture uploaded on another (decision 0025).
-- Each node's images folder becomes a cache of this table, filled on a picture's first request there; the variants
-- stay a per-node cache made from the original. Keyed like `pictures`: the name is a hash of the bytes, so a row is
-- written once and never changed.
CREATE TABLE picture_files (
    file_name text PRIMARY KEY,
    content   bytea NOT NULL,
    stored_at timestamptz NOT NULL
);
