-- The picture library (decision 0015): what an editor knows of a picture beyond its pixels, kept once per file so
-- that the drag-and-drop dialog, the lead-image picker and the library page suggest the same alt text, caption and
-- credit wherever the picture is used again. Articles keep their own copy (in Markdown or lead_picture), so a
-- later change here never rewrites published text behind an editor's back.
ALTER TABLE pictures ADD COLUMN alt TEXT NOT NULL DEFAULT '';
ALTER TABLE pictures ADD COLUMN caption TEXT NOT NULL DEFAULT '';
ALTER TABLE pictures ADD COLUMN credit TEXT NOT NULL DEFAULT '';
ALTER TABLE pictures ADD COLUMN original_name TEXT NOT NULL DEFAULT '';  -- the uploaded file's name, for search
ALTER TABLE pictures ADD COLUMN uploaded_by TEXT;                         -- account name, NULL for imported files

-- The library lists newest first.
CREATE INDEX ix_pictures_created ON pictures (created_at DESC);
