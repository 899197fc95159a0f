-- Placeholder on branch 'images' only, so that 0012 follows an unbroken sequence: the 'ressorts' branch brings the
-- real 0011, which replaces this file when both are merged.
SELECT 1;
