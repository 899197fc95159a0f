namespace NewsSite.Core.Tests.Support;

/// <summary>
/// Turns a current database back into what an older schema version held, keeping its articles: for tests of what
/// migrating an existing site does. Shared with the web tests (linked into their project), so that a new migration is
/// undone in one place.
/// </summary>
public static class SchemaDowngrade
{
    /// <summary>Before authors as people (0021_authors_as_people.sql): co-authors, account links and former author slugs go.</summary>
    public const string ToVersion20Sql =
        """
        DROP TRIGGER article_authors_follow_article;
        DROP TRIGGER article_authors_count_added;
        DROP TRIGGER article_authors_count_removed;
        DROP TRIGGER article_authors_count_changed;
        DROP TRIGGER articles_coauthors_removed;
        UPDATE authors SET live_articles = live_articles - (
            SELECT count(*) FROM article_authors aa WHERE aa.author_id = authors.id AND aa.is_live = 1);
        DROP TABLE article_authors;
        DROP TABLE author_redirects;
        DROP INDEX ix_authors_account;
        ALTER TABLE authors DROP COLUMN account_id;
        PRAGMA user_version = 20;
        """;

    /// <summary>Before preview links (0020_preview_links.sql).</summary>
    public const string ToVersion19Sql = ToVersion20Sql +
        """

        DROP TABLE preview_links;
        PRAGMA user_version = 19;
        """;

    /// <summary>Before corrections (0019_corrections.sql).</summary>
    public const string ToVersion18Sql = ToVersion19Sql +
        """

        DROP TABLE article_corrections;
        PRAGMA user_version = 18;
        """;

    /// <summary>Before tag aliases and former tag slugs (0018_tag_aliases.sql).</summary>
    public const string ToVersion17Sql = ToVersion18Sql +
        """

        DROP TABLE tag_redirects;
        DROP TABLE tag_aliases;
        PRAGMA user_version = 17;
        """;

    /// <summary>Before roles and review (0017_roles_and_review.sql): contributors go, as the old schema has no such role.</summary>
    public const string ToVersion16Sql = ToVersion17Sql +
        """

        DROP TABLE audit_log;
        DROP INDEX ix_articles_review;
        ALTER TABLE articles DROP COLUMN review_state;
        DROP INDEX ix_articles_owner;
        ALTER TABLE articles DROP COLUMN owner;
        DELETE FROM users WHERE role = 'contributor';
        CREATE TEMP TABLE sessions_kept AS SELECT * FROM sessions;
        CREATE TABLE users_rebuilt (
            id                  INTEGER PRIMARY KEY,
            name                TEXT NOT NULL UNIQUE,
            role                TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
            password_hash       TEXT NOT NULL,
            security_stamp      TEXT NOT NULL,
            created_at          TEXT NOT NULL,
            password_changed_at TEXT NOT NULL
        );
        INSERT INTO users_rebuilt SELECT id, name, role, password_hash, security_stamp, created_at, password_changed_at FROM users;
        DROP TABLE users;
        ALTER TABLE users_rebuilt RENAME TO users;
        INSERT INTO sessions SELECT * FROM sessions_kept;
        DROP TABLE sessions_kept;
        PRAGMA user_version = 16;
        """;

    /// <summary>Before autosaves (0016_autosaves.sql).</summary>
    public const string ToVersion15Sql = ToVersion16Sql +
        """

        DROP TABLE autosaves;
        PRAGMA user_version = 15;
        """;

    /// <summary>Before the picture library (0015_picture_library.sql).</summary>
    public const string ToVersion14Sql = ToVersion15Sql +
        """

        DROP INDEX ix_pictures_created;
        ALTER TABLE pictures DROP COLUMN uploaded_by;
        ALTER TABLE pictures DROP COLUMN original_name;
        ALTER TABLE pictures DROP COLUMN credit;
        ALTER TABLE pictures DROP COLUMN caption;
        ALTER TABLE pictures DROP COLUMN alt;
        PRAGMA user_version = 14;
        """;

    /// <summary>Before pictures (0014_pictures.sql).</summary>
    public const string ToVersion13Sql = ToVersion14Sql +
        """

        DROP TABLE pictures;
        ALTER TABLE articles DROP COLUMN lead_picture;
        PRAGMA user_version = 13;
        """;

    /// <summary>Before Ressorts (0013_ressorts.sql).</summary>
    public const string ToVersion12Sql = ToVersion13Sql +
        """

        ALTER TABLE content_changes DROP COLUMN ressort_slugs;
        DROP INDEX ix_articles_ressort_live;
        ALTER TABLE articles DROP COLUMN ressort_id;
        DROP TABLE ressort_redirects;
        DROP TABLE ressorts;
        PRAGMA user_version = 12;
        """;

    /// <summary>
    /// Before German search (0012_german_search.sql): the index of text as 0004 made it, empty, as after a downgrade;
    /// no vocabulary.
    /// </summary>
    public const string ToVersion11Sql = ToVersion12Sql +
        """

        DROP TABLE search_terms;
        DROP TABLE article_search;
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, summary, body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
        PRAGMA user_version = 11;
        """;

    /// <summary>Before fixed pages (0011_site_pages.sql).</summary>
    public const string ToVersion10Sql = ToVersion11Sql +
        """

        DROP TABLE site_page_versions;
        DROP TABLE site_pages;
        PRAGMA user_version = 10;
        """;

    /// <summary>Before server-side sessions (0010_sessions.sql).</summary>
    public const string ToVersion9Sql = ToVersion10Sql +
        """

        DROP TABLE sessions;
        PRAGMA user_version = 9;
        """;

    /// <summary>Before stored outlines (0009_outlines.sql).</summary>
    public const string ToVersion8Sql = ToVersion9Sql +
        """

        ALTER TABLE articles DROP COLUMN outline;
        PRAGMA user_version = 8;
        """;

    /// <summary>Before the search's visibility index (0008_search_visibility.sql).</summary>
    public const string ToVersion7Sql = ToVersion8Sql +
        """

        DROP INDEX ix_articles_search_visible;
        PRAGMA user_version = 7;
        """;

    /// <summary>Before stored feed keys (0007_feed_keys.sql).</summary>
    public const string ToVersion6Sql = ToVersion7Sql +
        """

        DROP INDEX ix_articles_feed_key;
        ALTER TABLE articles DROP COLUMN feed_key;
        PRAGMA user_version = 6;
        """;

    /// <summary>Before search, bios and the scale schema.</summary>
    public const string ToVersion3Sql = ToVersion6Sql +
        """

        DROP TRIGGER article_tags_follow_article;
        DROP TRIGGER tags_count_added;
        DROP TRIGGER tags_count_removed;
        DROP TRIGGER tags_count_changed;
        DROP TRIGGER articles_count_added;
        DROP TRIGGER articles_count_removed;
        DROP TRIGGER articles_count_changed;
        DROP TABLE content_changes;
        DROP TABLE article_totals;
        ALTER TABLE tags DROP COLUMN live_articles;
        ALTER TABLE authors DROP COLUMN live_articles;
        DROP INDEX ix_article_tags_tag;
        ALTER TABLE article_tags DROP COLUMN published_at;
        ALTER TABLE article_tags DROP COLUMN is_live;
        CREATE INDEX ix_article_tags_tag ON article_tags (tag_id, article_id);
        DROP INDEX ix_articles_live;
        CREATE INDEX ix_articles_published ON articles (published_at DESC) WHERE is_draft = 0 AND trashed_at IS NULL;
        DROP INDEX ix_articles_author_live;
        CREATE INDEX ix_articles_author ON articles (author_id, published_at DESC) WHERE is_draft = 0 AND trashed_at IS NULL;
        DROP TABLE article_search;
        DROP TABLE author_bio_versions;
        ALTER TABLE authors DROP COLUMN bio_markdown;
        ALTER TABLE authors DROP COLUMN bio_html;
        ALTER TABLE authors DROP COLUMN profile_hash;
        PRAGMA user_version = 3;
        """;
}
