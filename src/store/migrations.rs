//! Numbered, append-only schema migrations. Never edit a released step; add one.
//!
//! Every time is stored as unix seconds (UTC); lists (authors, enclosures, categories) as JSON
//! text. Articles keep an `INTEGER PRIMARY KEY` so later full-text and entity tables can
//! reference them by rowid.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Migration steps; step `i` takes `user_version` from `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the core schema.
    "CREATE TABLE feeds (
        id             INTEGER PRIMARY KEY,
        url            TEXT    NOT NULL UNIQUE,
        title_override TEXT,
        feed_title     TEXT,
        site_link      TEXT,
        position       INTEGER NOT NULL DEFAULT 0,
        active         INTEGER NOT NULL DEFAULT 1,
        etag           TEXT,
        last_modified  TEXT,
        last_fetch     INTEGER,
        last_success   INTEGER,
        last_error     TEXT,
        moved_to       TEXT,
        retry_after    INTEGER
    );
    CREATE TABLE feed_tags (
        feed_id  INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        tag      TEXT    NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (feed_id, tag)
    ) WITHOUT ROWID;
    CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        feed_id      INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid         TEXT    NOT NULL,
        link         TEXT,
        title        TEXT    NOT NULL,
        authors      TEXT    NOT NULL DEFAULT '[]',
        published    INTEGER NOT NULL,
        updated      INTEGER,
        summary_html TEXT,
        content_html TEXT,
        text         TEXT    NOT NULL DEFAULT '',
        enclosures   TEXT    NOT NULL DEFAULT '[]',
        categories   TEXT    NOT NULL DEFAULT '[]',
        read         INTEGER NOT NULL DEFAULT 0,
        starred      INTEGER NOT NULL DEFAULT 0,
        first_seen   INTEGER NOT NULL,
        content_hash BLOB    NOT NULL,
        UNIQUE (feed_id, guid)
    );",
    // 2: indices for the list queries, and tombstones for pruned articles.
    "CREATE INDEX articles_by_published ON articles (published, id);
    CREATE INDEX articles_unread_by_published ON articles (published, id) WHERE read = 0;
    CREATE INDEX articles_by_feed_published ON articles (feed_id, published, id);
    CREATE INDEX articles_by_feed_read ON articles (feed_id, read, published);
    CREATE INDEX articles_by_link ON articles (feed_id, link) WHERE link IS NOT NULL;
    CREATE TABLE tombstones (
        feed_id   INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid      TEXT    NOT NULL,
        link      TEXT,
        pruned_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        PRIMARY KEY (feed_id, guid)
    ) WITHOUT ROWID;
    CREATE INDEX tombstones_by_link ON tombstones (feed_id, link) WHERE link IS NOT NULL;
    CREATE INDEX tombstones_by_last_seen ON tombstones (last_seen);",
    // 3: full-text index over articles (title, text, authors), external content, kept in
    // step by the store's own writes, one way for all of them (the `FTS_*` statements in
    // `store`): FTS5 flushes its pending terms at every statement that writes it, so a
    // trigger per row made each inserted article its own index segment, and most of a cold
    // refresh went into merging them. The store indexes a feed's new and changed articles in one
    // statement, and removes entries before it changes or deletes rows. Automerge 16 (not
    // 4) merges segments less often while a refresh writes.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, authors,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2'
    );
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",
    // 4: named entities (people, places, organisations), their aliases, their mentions in
    // articles (character offsets, end exclusive) and which extractor version produced an
    // article's mentions. Names are also stored folded (lower-case, no diacritics) for
    // matching. A change to an article's title or text drops its mentions: their offsets no
    // longer hold, and the missing marker asks for a new extraction.
    "CREATE TABLE entities (
        id     INTEGER PRIMARY KEY,
        kind   TEXT NOT NULL CHECK (kind IN ('person', 'place', 'org')),
        name   TEXT NOT NULL,
        folded TEXT NOT NULL,
        lat    REAL,
        lon    REAL,
        UNIQUE (kind, folded)
    );
    CREATE TABLE entity_aliases (
        entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias  TEXT NOT NULL,
        folded TEXT NOT NULL,
        PRIMARY KEY (entity, folded)
    ) WITHOUT ROWID;
    CREATE INDEX entity_aliases_by_folded ON entity_aliases (folded, entity);
    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        start   INTEGER NOT NULL,
        end     INTEGER NOT NULL,
        PRIMARY KEY (article, start, entity)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_by_entity ON mentions (entity, article);
    CREATE TABLE extractions (
        article       INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        model_version TEXT NOT NULL,
        extracted_at  INTEGER NOT NULL
    );
    CREATE INDEX extractions_by_version ON extractions (model_version);
    CREATE TRIGGER articles_mentions_stale AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM mentions WHERE article = new.id;
        DELETE FROM extractions WHERE article = new.id;
    END;",
    // 5: a place's identity includes its country, so Paris (FR) and Paris, Texas (US) are two
    // entities; the empty string stands for "no country" (people, organisations, places the
    // gazetteer does not know). Entities are derived data: rather than rebuild the table
    // under live foreign keys, the extracted data is dropped and the extraction markers with
    // it, so every article is extracted again under the new key.
    "DELETE FROM mentions;
    DELETE FROM entity_aliases;
    DELETE FROM extractions;
    DROP TABLE entities;
    CREATE TABLE entities (
        id      INTEGER PRIMARY KEY,
        kind    TEXT NOT NULL CHECK (kind IN ('person', 'place', 'org')),
        name    TEXT NOT NULL,
        folded  TEXT NOT NULL,
        country TEXT NOT NULL DEFAULT '',
        lat     REAL,
        lon     REAL,
        UNIQUE (kind, folded, country)
    );",
    // 6: when each article was read, so pruning can keep what was read recently (it keeps an
    // article for `keep_days` after it was first seen and after it was read). Every statement
    // that sets `read = 1` sets `read_at`; unread articles have none. Articles already read
    // when this step runs count as read now: their real time is unknown, and keeping them
    // a little longer is the safe mistake. The partial index serves the prune, which looks
    // for read, unstarred articles first seen before a cut-off.
    "ALTER TABLE articles ADD COLUMN read_at INTEGER;
    UPDATE articles SET read_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE read = 1;
    CREATE INDEX articles_prunable ON articles (first_seen) WHERE read = 1 AND starred = 0;",
    // 7: sync with a Google Reader API server. `sync_feeds` and `sync_items` map the server's
    // stream and item ids to local feeds and articles (item ids are 64-bit numbers stored
    // with the same bits). `sync_queue` holds local marks until the server confirms them;
    // the triggers fill it for every change of `read` or `starred` on an article the server
    // knows, in the same transaction as the change, so no write path can forget it and a
    // crash cannot separate a mark from its queue entry. While the store applies the
    // server's own state it sets `sync_state.applying`, and the triggers stay quiet.
    "CREATE TABLE sync_state (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        account     TEXT,
        newest_usec INTEGER,
        last_sync   INTEGER,
        applying    INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO sync_state (id) VALUES (1);
    CREATE TABLE sync_feeds (
        stream TEXT    PRIMARY KEY,
        feed   INTEGER NOT NULL UNIQUE REFERENCES feeds(id) ON DELETE CASCADE
    );
    CREATE TABLE sync_items (
        item    INTEGER PRIMARY KEY,
        article INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE TABLE sync_queue (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        article    INTEGER NOT NULL,
        op         TEXT    NOT NULL CHECK (op IN ('read', 'starred')),
        value      INTEGER NOT NULL,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX sync_queue_by_article ON sync_queue (article, op);
    CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
    WHEN old.read <> new.read
        AND (SELECT applying FROM sync_state WHERE id = 1) = 0
        AND EXISTS (SELECT 1 FROM sync_items WHERE article = new.id)
    BEGIN
        INSERT INTO sync_queue (article, op, value, created_at)
        VALUES (new.id, 'read', new.read, CAST(strftime('%s', 'now') AS INTEGER));
    END;
    CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON articles
    WHEN old.starred <> new.starred
        AND (SELECT applying FROM sync_state WHERE id = 1) = 0
        AND EXISTS (SELECT 1 FROM sync_items WHERE article = new.id)
    BEGIN
        INSERT INTO sync_queue (article, op, value, created_at)
        VALUES (new.id, 'starred', new.starred, CAST(strftime('%s', 'now') AS INTEGER));
    END;",
    // 8: indices for the list's title and feed sorts. Without them `sort:title` sorted every
    // article for each window (`G`, `g`, the re-sort itself: half a second at 25,000
    // articles); with them a window is read in order from where it starts. The feed sort reads
    // the feeds in title order and each feed's articles through its own index.
    "CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, published DESC, id DESC);
    CREATE INDEX feeds_by_title ON feeds (COALESCE(title_override, feed_title, url) COLLATE NOCASE);",
    // 9: full text: the article pages that summary-only feeds link to, fetched after their
    // items are stored. One row per article once a fetch was tried: the extracted page
    // (`text` set) or the last failure, how many in a row, and when to try again. The
    // full-text index now reads its `text` column through a view that appends the page's
    // text to the feed's own, so search finds words of the whole article, and `rebuild` and
    // `integrity-check` still agree with what the store indexed (see `FTS_*` in `store`).
    "CREATE TABLE pages (
        article    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        url        TEXT    NOT NULL,
        fetched_at INTEGER NOT NULL,
        title      TEXT,
        byline     TEXT,
        published  TEXT,
        lang       TEXT,
        image      TEXT,
        html       TEXT,
        text       TEXT,
        error      TEXT,
        failures   INTEGER NOT NULL DEFAULT 0,
        retry_at   INTEGER
    );
    CREATE VIEW articles_fts_source AS
        SELECT a.id AS id, a.title AS title,
               CASE WHEN p.text IS NULL OR p.text = '' THEN a.text
                    ELSE a.text || char(10) || char(10) || p.text END AS text,
               a.authors AS authors
        FROM articles a LEFT JOIN pages p ON p.article = a.id;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, authors,
        content = 'articles_fts_source', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2'
    );
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",
    // 10: `[[ignore]]` rules with `action = "hide"` hide the articles they select: kept, but
    // in no list or count (`hidden = 1`), and back when the rule goes. The partial index
    // makes "is anything hidden?" and the hidden part of each feed's counts cheap.
    "ALTER TABLE articles ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_hidden ON articles (feed_id, read) WHERE hidden = 1;",
    // 11: stories across feeds: each article's story, decided when its entities are stored
    // (`store::stories`). `stories` only hands out ids that are never used again, so a story
    // whose articles were all pruned cannot come back as another; an article's row goes with
    // it. Existing caches start with none: the extraction queue groups every extracted
    // article, oldest first, the next time it runs.
    "CREATE TABLE stories (id INTEGER PRIMARY KEY AUTOINCREMENT, started INTEGER NOT NULL);
    CREATE TABLE article_stories (
        article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story   INTEGER NOT NULL
    );
    CREATE INDEX article_stories_by_story ON article_stories (story, article);",
    // 12: half the disk. The large text columns are stored compressed through the store's
    // `dl_pack`/`dl_unpack` functions (see `codec`): an article's text against the HTML it
    // came from, so each body costs about one compressed copy; their meaning is unchanged.
    // The full-text index becomes contentless with `contentless_delete`: it kept no copy of
    // the text before either (it read `articles`), but removing an entry needed the old
    // values, which a prune of 100,000 articles re-tokenised for minutes; now it needs the
    // rowid only. The two-letter prefix index goes: it was 41% of the index (measured on the
    // million bench's 25,000-article cache), and prefix queries find the same rows without it
    // (FTS5 reads the range of terms instead). The mentions trigger is set aside while the rows are rewritten (their
    // text does not change), and the index is filled again from the unpacked view. The file
    // does not shrink here: freed pages are reused, and `VACUUM` returns them.
    "DROP TRIGGER articles_mentions_stale;
    UPDATE articles SET text = dl_pack(text, content_html), content_html = dl_pack(content_html),
        summary_html = dl_pack(summary_html);
    CREATE TRIGGER articles_mentions_stale AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM mentions WHERE article = new.id;
        DELETE FROM extractions WHERE article = new.id;
    END;
    UPDATE pages SET text = dl_pack(text, html), html = dl_pack(html);
    DROP VIEW articles_fts_source;
    CREATE VIEW articles_fts_source AS
        SELECT a.id AS id, a.title AS title,
               CASE WHEN p.text IS NULL OR p.text = '' THEN dl_unpack(a.text, a.content_html)
                    ELSE dl_unpack(a.text, a.content_html) || char(10) || char(10)
                         || dl_unpack(p.text, p.html) END AS text,
               a.authors AS authors
        FROM articles a LEFT JOIN pages p ON p.article = a.id;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, authors,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
    INSERT INTO articles_fts (rowid, title, text, authors)
        SELECT id, title, text, authors FROM articles_fts_source;",
    // 13: the words of an article's own text, counted when the text is written (every
    // statement that writes `text` sets it from the same value), so the page-fetch queue
    // (`full_text = "auto"`: pages of articles under 80 words) reads no bodies; it unpacked
    // every recent article's text on every refresh. Filled here for the articles of the last
    // week+ (the only ones that queue reads); older rows stay NULL and are counted from their
    // text if ever read.
    "ALTER TABLE articles ADD COLUMN text_words INTEGER;
    UPDATE articles SET text_words = dl_words(text, content_html)
        WHERE first_seen >= CAST(strftime('%s', 'now') AS INTEGER) - 8 * 86400;",
    // 14: counts kept as the rows change, so the reader's first frame and "who and where"
    // read a few rows instead of counting a million articles or millions of mentions.
    // `feed_counts`: each feed's articles and unread articles, hidden ones left out (what
    // the feeds pane shows). `entity_feed_counts`: per feed and entity, its mentions and the
    // articles with at least one (hidden articles left out); `entity_counts`: the same over
    // every feed, in mention order through its index. Triggers keep them, so no write path
    // (refresh, marks, prune, sync, import, ignore rules, entity merges) can forget them, in
    // the same transaction as the change. An article's mentions go before the article (the
    // trigger that counts them out needs its feed); a row whose count falls to zero stays.
    "CREATE TABLE feed_counts (
        feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
        total   INTEGER NOT NULL,
        unread  INTEGER NOT NULL
    );
    INSERT INTO feed_counts (feed_id, total, unread)
        SELECT feed_id, count(*), sum(read = 0) FROM articles WHERE hidden = 0 GROUP BY feed_id;
    CREATE TRIGGER feed_counts_insert AFTER INSERT ON articles WHEN new.hidden = 0 BEGIN
        INSERT INTO feed_counts (feed_id, total, unread) VALUES (new.feed_id, 1, new.read = 0)
        ON CONFLICT (feed_id) DO UPDATE SET total = total + 1, unread = unread + excluded.unread;
    END;
    CREATE TRIGGER feed_counts_delete AFTER DELETE ON articles WHEN old.hidden = 0 BEGIN
        UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
        WHERE feed_id = old.feed_id;
    END;
    CREATE TRIGGER feed_counts_update AFTER UPDATE OF read, hidden, feed_id ON articles
    WHEN (old.read = 0) IS NOT (new.read = 0) OR old.hidden IS NOT new.hidden
        OR old.feed_id IS NOT new.feed_id
    BEGIN
        UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
        WHERE feed_id = old.feed_id AND old.hidden = 0;
        INSERT INTO feed_counts (feed_id, total, unread)
            SELECT new.feed_id, 1, new.read = 0 WHERE new.hidden = 0
        ON CONFLICT (feed_id) DO UPDATE SET total = total + 1, unread = unread + excluded.unread;
    END;
    CREATE TABLE entity_feed_counts (
        feed_id  INTEGER NOT NULL,
        entity   INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (feed_id, entity)
    ) WITHOUT ROWID;
    CREATE TABLE entity_counts (
        entity   INTEGER PRIMARY KEY,
        mentions INTEGER NOT NULL,
        articles INTEGER NOT NULL
    );
    CREATE INDEX entity_counts_by_mentions ON entity_counts (mentions DESC, articles DESC);
    INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
        SELECT a.feed_id, m.entity, count(*), count(DISTINCT m.article)
        FROM mentions m JOIN articles a ON a.id = m.article WHERE a.hidden = 0
        GROUP BY a.feed_id, m.entity;
    INSERT INTO entity_counts (entity, mentions, articles)
        SELECT entity, sum(mentions), sum(articles) FROM entity_feed_counts GROUP BY entity;
    CREATE TRIGGER entity_counts_insert AFTER INSERT ON mentions BEGIN
        INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
            SELECT a.feed_id, new.entity, 1, NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = new.article AND m.entity = new.entity AND m.start <> new.start)
            FROM articles a WHERE a.id = new.article AND a.hidden = 0
        ON CONFLICT (feed_id, entity) DO UPDATE SET mentions = mentions + 1,
            articles = articles + excluded.articles;
        INSERT INTO entity_counts (entity, mentions, articles)
            SELECT new.entity, 1, NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = new.article AND m.entity = new.entity AND m.start <> new.start)
            FROM articles a WHERE a.id = new.article AND a.hidden = 0
        ON CONFLICT (entity) DO UPDATE SET mentions = mentions + 1,
            articles = articles + excluded.articles;
    END;
    CREATE TRIGGER entity_counts_delete AFTER DELETE ON mentions BEGIN
        UPDATE entity_feed_counts SET mentions = mentions - 1,
            articles = articles - (NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = old.article AND m.entity = old.entity))
        WHERE entity = old.entity
            AND feed_id = (SELECT feed_id FROM articles WHERE id = old.article AND hidden = 0);
        UPDATE entity_counts SET mentions = mentions - 1,
            articles = articles - (NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = old.article AND m.entity = old.entity))
        WHERE entity = old.entity
            AND EXISTS (SELECT 1 FROM articles WHERE id = old.article AND hidden = 0);
    END;
    CREATE TRIGGER entity_counts_update AFTER UPDATE OF article, entity ON mentions
    WHEN old.article IS NOT new.article OR old.entity IS NOT new.entity
    BEGIN
        UPDATE entity_feed_counts SET mentions = mentions - 1,
            articles = articles - (NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = old.article AND m.entity = old.entity))
        WHERE entity = old.entity
            AND feed_id = (SELECT feed_id FROM articles WHERE id = old.article AND hidden = 0);
        UPDATE entity_counts SET mentions = mentions - 1,
            articles = articles - (NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = old.article AND m.entity = old.entity))
        WHERE entity = old.entity
            AND EXISTS (SELECT 1 FROM articles WHERE id = old.article AND hidden = 0);
        INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
            SELECT a.feed_id, new.entity, 1, NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = new.article AND m.entity = new.entity AND m.start <> new.start)
            FROM articles a WHERE a.id = new.article AND a.hidden = 0
        ON CONFLICT (feed_id, entity) DO UPDATE SET mentions = mentions + 1,
            articles = articles + excluded.articles;
        INSERT INTO entity_counts (entity, mentions, articles)
            SELECT new.entity, 1, NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = new.article AND m.entity = new.entity AND m.start <> new.start)
            FROM articles a WHERE a.id = new.article AND a.hidden = 0
        ON CONFLICT (entity) DO UPDATE SET mentions = mentions + 1,
            articles = articles + excluded.articles;
    END;
    CREATE TRIGGER entity_counts_article_gone BEFORE DELETE ON articles BEGIN
        DELETE FROM mentions WHERE article = old.id;
    END;
    CREATE TRIGGER entity_counts_article_moved AFTER UPDATE OF hidden, feed_id ON articles
    WHEN old.hidden IS NOT new.hidden OR old.feed_id IS NOT new.feed_id
    BEGIN
        UPDATE entity_feed_counts SET mentions = mentions - s.n, articles = articles - 1
        FROM (SELECT entity, count(*) AS n FROM mentions WHERE article = new.id GROUP BY entity) s
        WHERE old.hidden = 0 AND entity_feed_counts.feed_id = old.feed_id
            AND entity_feed_counts.entity = s.entity;
        UPDATE entity_counts SET mentions = mentions - s.n, articles = articles - 1
        FROM (SELECT entity, count(*) AS n FROM mentions WHERE article = new.id GROUP BY entity) s
        WHERE old.hidden = 0 AND entity_counts.entity = s.entity;
        INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
            SELECT new.feed_id, entity, count(*), 1 FROM mentions
            WHERE article = new.id AND new.hidden = 0 GROUP BY entity
        ON CONFLICT (feed_id, entity) DO UPDATE SET mentions = mentions + excluded.mentions,
            articles = articles + 1;
        INSERT INTO entity_counts (entity, mentions, articles)
            SELECT entity, count(*), 1 FROM mentions
            WHERE article = new.id AND new.hidden = 0 GROUP BY entity
        ON CONFLICT (entity) DO UPDATE SET mentions = mentions + excluded.mentions,
            articles = articles + 1;
    END;",
    // 15: a prune counts out in bulk. Counting each deleted mention and article out by
    // trigger ran the triggers' statements 660,000 times for 100,000 articles; a prune step
    // now subtracts per feed and per entity in a few statements instead, and while it does,
    // a row in `counts_held` (inserted and deleted inside the prune's own transaction, so
    // no other connection ever sees it) tells the delete triggers to leave the counts
    // alone. Every other write path still counts through the triggers. The full-text index's
    // 'merge' command merges only what its automatic merge would (16 segments on a level,
    // as `automerge`), plus levels where deletes left tombstones: the prune turns the
    // automatic merge off during its deletes and runs that merge afterwards in steps.
    "CREATE TABLE counts_held (held INTEGER NOT NULL);
    DROP TRIGGER feed_counts_delete;
    CREATE TRIGGER feed_counts_delete AFTER DELETE ON articles
    WHEN old.hidden = 0 AND NOT EXISTS (SELECT 1 FROM counts_held)
    BEGIN
        UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
        WHERE feed_id = old.feed_id;
    END;
    DROP TRIGGER entity_counts_delete;
    CREATE TRIGGER entity_counts_delete AFTER DELETE ON mentions
    WHEN NOT EXISTS (SELECT 1 FROM counts_held)
    BEGIN
        UPDATE entity_feed_counts SET mentions = mentions - 1,
            articles = articles - (NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = old.article AND m.entity = old.entity))
        WHERE entity = old.entity
            AND feed_id = (SELECT feed_id FROM articles WHERE id = old.article AND hidden = 0);
        UPDATE entity_counts SET mentions = mentions - 1,
            articles = articles - (NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = old.article AND m.entity = old.entity))
        WHERE entity = old.entity
            AND EXISTS (SELECT 1 FROM articles WHERE id = old.article AND hidden = 0);
    END;
    DROP TRIGGER entity_counts_article_gone;
    CREATE TRIGGER entity_counts_article_gone BEFORE DELETE ON articles
    WHEN NOT EXISTS (SELECT 1 FROM counts_held)
    BEGIN
        DELETE FROM mentions WHERE article = old.id;
    END;
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('usermerge', 16);",
    // 16: `is:starred` in date order. One article in a hundred is starred, and without an
    // index the list read every article by date until it had a window of starred ones (90 ms
    // at 100,000 articles, about a second at a million); this one holds the starred only.
    "CREATE INDEX articles_starred_by_published ON articles (published, id) WHERE starred = 1;",
    // 17: a prune in two parts. Deleting 100,000 articles of a million-article cache took
    // 12-30 s of writes (the row, eight indices, the title index touched all over by every
    // step); hiding them first is one cheap update per row in first-seen order, and the
    // lists and counts leave them out at once (as for an ignore rule, `hidden = 1`). The
    // rows are then deleted in small steps afterwards. `prune_pending` names the hidden
    // articles waiting for that, so an ignore rule removed meanwhile does not show them
    // again. The prune counts its hidden articles out in bulk (`counts_held`, migration
    // 15), so the two count triggers on a change of `hidden` skip while it does. The
    // prunable index leaves hidden articles out: a step in progress does not read past the
    // articles the steps before it hid.
    "CREATE TABLE prune_pending (article INTEGER PRIMARY KEY);
    DROP TRIGGER feed_counts_update;
    CREATE TRIGGER feed_counts_update AFTER UPDATE OF read, hidden, feed_id ON articles
    WHEN ((old.read = 0) IS NOT (new.read = 0) OR old.hidden IS NOT new.hidden
        OR old.feed_id IS NOT new.feed_id) AND NOT EXISTS (SELECT 1 FROM counts_held)
    BEGIN
        UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
        WHERE feed_id = old.feed_id AND old.hidden = 0;
        INSERT INTO feed_counts (feed_id, total, unread)
            SELECT new.feed_id, 1, new.read = 0 WHERE new.hidden = 0
        ON CONFLICT (feed_id) DO UPDATE SET total = total + 1, unread = unread + excluded.unread;
    END;
    DROP TRIGGER entity_counts_article_moved;
    CREATE TRIGGER entity_counts_article_moved AFTER UPDATE OF hidden, feed_id ON articles
    WHEN (old.hidden IS NOT new.hidden OR old.feed_id IS NOT new.feed_id)
        AND NOT EXISTS (SELECT 1 FROM counts_held)
    BEGIN
        UPDATE entity_feed_counts SET mentions = mentions - s.n, articles = articles - 1
        FROM (SELECT entity, count(*) AS n FROM mentions WHERE article = new.id GROUP BY entity) s
        WHERE old.hidden = 0 AND entity_feed_counts.feed_id = old.feed_id
            AND entity_feed_counts.entity = s.entity;
        UPDATE entity_counts SET mentions = mentions - s.n, articles = articles - 1
        FROM (SELECT entity, count(*) AS n FROM mentions WHERE article = new.id GROUP BY entity) s
        WHERE old.hidden = 0 AND entity_counts.entity = s.entity;
        INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
            SELECT new.feed_id, entity, count(*), 1 FROM mentions
            WHERE article = new.id AND new.hidden = 0 GROUP BY entity
        ON CONFLICT (feed_id, entity) DO UPDATE SET mentions = mentions + excluded.mentions,
            articles = articles + 1;
        INSERT INTO entity_counts (entity, mentions, articles)
            SELECT entity, count(*), 1 FROM mentions
            WHERE article = new.id AND new.hidden = 0 GROUP BY entity
        ON CONFLICT (entity) DO UPDATE SET mentions = mentions + excluded.mentions,
            articles = articles + 1;
    END;
    DROP INDEX articles_prunable;
    CREATE INDEX articles_prunable ON articles (first_seen)
        WHERE read = 1 AND starred = 0 AND hidden = 0;",
    // 18: the extraction queue counts its mentions in. Counting each new mention by trigger
    // ran two look-ups and two upserts per mention (1.4 million mentions for the refresh
    // bench's 25,000 articles); storing a batch now holds the insert trigger too (a row in
    // `counts_held`, inside the batch's own transaction) and adds the batch's counts per
    // feed and entity in two statements. Every other path that inserts mentions still
    // counts through the trigger.
    "DROP TRIGGER entity_counts_insert;
    CREATE TRIGGER entity_counts_insert AFTER INSERT ON mentions
    WHEN NOT EXISTS (SELECT 1 FROM counts_held)
    BEGIN
        INSERT INTO entity_feed_counts (feed_id, entity, mentions, articles)
            SELECT a.feed_id, new.entity, 1, NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = new.article AND m.entity = new.entity AND m.start <> new.start)
            FROM articles a WHERE a.id = new.article AND a.hidden = 0
        ON CONFLICT (feed_id, entity) DO UPDATE SET mentions = mentions + 1,
            articles = articles + excluded.articles;
        INSERT INTO entity_counts (entity, mentions, articles)
            SELECT new.entity, 1, NOT EXISTS (SELECT 1 FROM mentions m
                WHERE m.article = new.article AND m.entity = new.entity AND m.start <> new.start)
            FROM articles a WHERE a.id = new.article AND a.hidden = 0
        ON CONFLICT (entity) DO UPDATE SET mentions = mentions + 1,
            articles = articles + excluded.articles;
    END;",
    // 19: the page-fetch queue after every refresh (`pages::DUE`) wants the articles of some
    // feeds first seen in the last week. Through `articles_by_feed_read` it read every article
    // of those feeds and looked each row up for `first_seen`: 8.4 s of the cache thread after
    // a refresh of a 1M-article cache, half the refresh. This index bounds the seek by time.
    "CREATE INDEX articles_by_feed_first_seen ON articles (feed_id, first_seen);",
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the schema up to `target` (a number of steps) in one immediate transaction, so a
/// failed step leaves the database as it was and two processes opening at once do not both
/// migrate. A database newer than this build is refused.
pub(crate) fn migrate_to(conn: &mut Connection, target: usize) -> Result<(), StoreError> {
    // A cache that is already up to date needs no write lock: a second process (a cron job
    // beside the reader) then opens it without waiting for a refresh's writes to pause.
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > latest() {
        return Err(StoreError::TooNew {
            found,
            known: latest(),
        });
    }
    if usize::try_from(found).unwrap_or(0) >= target.min(MIGRATIONS.len()) {
        return Ok(());
    }
    // Read again under the write lock: another process may have migrated meanwhile.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = latest();
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    let start = usize::try_from(found).unwrap_or(0);
    if start < target {
        for step in &MIGRATIONS[start..target.min(MIGRATIONS.len())] {
            tx.execute_batch(step)?;
        }
        tx.pragma_update(None, "user_version", target.min(MIGRATIONS.len()) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_applies_and_sets_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::codec::register(&conn).unwrap();
        for target in 1..=MIGRATIONS.len() {
            migrate_to(&mut conn, target).unwrap();
            let v: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, target as i64);
        }
        assert!(
            MIGRATIONS.len() >= 2,
            "the migration path must be exercised"
        );
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", latest() + 1)
            .unwrap();
        match migrate_to(&mut conn, MIGRATIONS.len()) {
            Err(StoreError::TooNew { found, known }) => {
                assert_eq!(found, latest() + 1);
                assert_eq!(known, latest());
            }
            other => panic!("expected TooNew, got {other:?}"),
        }
    }
}
