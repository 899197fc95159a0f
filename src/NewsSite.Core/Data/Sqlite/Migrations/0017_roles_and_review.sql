-- Roles and review (decision 0017): contributors write and submit for review, editors review and publish, admins also
-- keep accounts. Every act that changes what readers see or who may do what is recorded in the audit log.

-- A third role. SQLite cannot change a CHECK constraint, so the table is rebuilt with the same ids. Dropping the old
-- table would cascade to the sessions that reference it: they are kept aside and put back, so nobody is logged out.
CREATE TEMP TABLE sessions_kept AS SELECT * FROM sessions;

CREATE TABLE users_rebuilt (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    role                TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'contributor')),
    password_hash       TEXT NOT NULL,          -- ASP.NET Core PasswordHasher (PBKDF2), never the password
    security_stamp      TEXT NOT NULL,          -- changes with the password; sessions carrying an old one end
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);
INSERT INTO users_rebuilt (id, name, role, password_hash, security_stamp, created_at, password_changed_at)
SELECT id, name, role, password_hash, security_stamp, created_at, password_changed_at FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;

INSERT INTO sessions SELECT * FROM sessions_kept;
DROP TABLE sessions_kept;

-- Who began an article in the admin (the account's name); null for imported files. Contributors may touch only
-- their own articles, and only while they are not public.
ALTER TABLE articles ADD COLUMN owner TEXT;
UPDATE articles SET owner = (
    SELECT r.origin_detail FROM revisions r
    WHERE r.article_id = articles.id AND r.number = 1 AND r.origin = 'editor');
CREATE INDEX ix_articles_owner ON articles (owner) WHERE owner IS NOT NULL;

-- A draft submitted for review ('pending', shown as „Zur Prüfung“) or sent back with a comment ('returned').
-- Publishing clears it.
ALTER TABLE articles ADD COLUMN review_state TEXT CHECK (review_state IN ('pending', 'returned'));
CREATE INDEX ix_articles_review ON articles (review_state) WHERE review_state IS NOT NULL;

-- Who did what, when: publish, unpublish, schedule, trash, restore, review decisions, account and role changes,
-- logins and failed logins. Written in the same transaction as the act where the act is a database write.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    account    TEXT NOT NULL,       -- who acted: an account name, or the name tried at a failed login
    action     TEXT NOT NULL,       -- AuditAction in lower case
    article_id INTEGER,             -- the article concerned, if any (no foreign key: the log outlives nothing)
    subject    TEXT,                -- what it concerned in words: an article's title, an account's name
    detail     TEXT,                -- a review comment, a new role, a client address
    address    TEXT                 -- where the request came from
);
CREATE INDEX ix_audit_log_at ON audit_log (at DESC);
CREATE INDEX ix_audit_log_article ON audit_log (article_id, at) WHERE article_id IS NOT NULL;
