//! The store's schema as numbered migrations: a new store runs them all, an
//! older one the ones it lacks, each in the transaction that opens it, and
//! `PRAGMA user_version` records how far a file has come
//! (docs/store.md lists every table and column).

use rusqlite::Connection;

/// Version 1: the tables. Every foreign key is checked when a run's
/// transaction commits (`DEFERRABLE INITIALLY DEFERRED`), so a run may
/// write claims before the keys they name.
const V1: &str = r#"
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    crosscheck TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    input TEXT NOT NULL,
    documents_read INTEGER NOT NULL DEFAULT 0,
    documents_new INTEGER NOT NULL DEFAULT 0,
    documents_changed INTEGER NOT NULL DEFAULT 0,
    documents_reextracted INTEGER NOT NULL DEFAULT 0,
    documents_unchanged INTEGER NOT NULL DEFAULT 0,
    claims_added INTEGER NOT NULL DEFAULT 0,
    claims_removed INTEGER NOT NULL DEFAULT 0,
    claims INTEGER NOT NULL DEFAULT 0,
    keys INTEGER NOT NULL DEFAULT 0,
    contradictions INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE warnings (
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    document TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    published TEXT,
    url TEXT,
    language TEXT,
    wires TEXT NOT NULL,
    origin TEXT NOT NULL,
    hash TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    text TEXT NOT NULL,
    first_run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE verdicts (name TEXT PRIMARY KEY, rank INTEGER NOT NULL, meaning TEXT NOT NULL);
CREATE TABLE grades (name TEXT PRIMARY KEY, rank INTEGER NOT NULL, meaning TEXT NOT NULL);
CREATE TABLE keys (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    verdict TEXT REFERENCES verdicts(name) DEFERRABLE INITIALLY DEFERRED,
    grade TEXT REFERENCES grades(name) DEFERRABLE INITIALLY DEFERRED,
    independent_sources INTEGER,
    claims INTEGER NOT NULL DEFAULT 0,
    range_min TEXT,
    range_max TEXT,
    conservative REAL,
    first_run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    last_run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    document TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    outlet TEXT NOT NULL,
    key TEXT NOT NULL REFERENCES keys(id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    value TEXT NOT NULL,
    min REAL,
    max REAL,
    approx INTEGER NOT NULL DEFAULT 0,
    from_date TEXT,
    to_date TEXT,
    precision TEXT,
    modality TEXT,
    speaker TEXT,
    quote TEXT NOT NULL,
    sentence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    rule TEXT NOT NULL,
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    removed INTEGER REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    json TEXT NOT NULL
);
CREATE INDEX claims_document ON claims(document);
CREATE INDEX claims_key ON claims(key);
CREATE INDEX claims_outlet ON claims(outlet);
CREATE TABLE claim_events (
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    claim TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
    change TEXT NOT NULL CHECK (change IN ('added', 'removed')),
    PRIMARY KEY (run, claim)
);
CREATE INDEX claim_events_claim ON claim_events(claim, run);
CREATE TABLE versions (
    key TEXT NOT NULL REFERENCES keys(id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    min REAL,
    max REAL,
    from_date TEXT,
    to_date TEXT,
    judgement TEXT NOT NULL,
    reference TEXT,
    claims TEXT NOT NULL,
    outlets TEXT NOT NULL,
    speakers TEXT NOT NULL,
    PRIMARY KEY (key, position)
);
CREATE TABLE families (
    key TEXT NOT NULL REFERENCES keys(id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    claims TEXT NOT NULL,
    outlets TEXT NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (key, position)
);
CREATE TABLE pairs (
    key TEXT NOT NULL REFERENCES keys(id) DEFERRABLE INITIALLY DEFERRED,
    a TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
    b TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
    verdict TEXT NOT NULL REFERENCES verdicts(name) DEFERRABLE INITIALLY DEFERRED,
    same_document INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, a, b)
);
CREATE TABLE reference_facts (
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    min REAL,
    max REAL,
    from_date TEXT,
    to_date TEXT,
    source TEXT NOT NULL,
    url TEXT,
    file TEXT NOT NULL,
    PRIMARY KEY (key)
);
CREATE TABLE review_files (
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    path TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (run, path)
);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    action TEXT NOT NULL,
    claim TEXT,
    correction TEXT NOT NULL,
    author TEXT NOT NULL,
    note TEXT NOT NULL,
    origin TEXT NOT NULL,
    applied INTEGER NOT NULL,
    claims TEXT NOT NULL,
    unmatched TEXT
);
CREATE TABLE verdict_history (
    key TEXT NOT NULL REFERENCES keys(id) DEFERRABLE INITIALLY DEFERRED,
    run INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,
    verdict TEXT NOT NULL REFERENCES verdicts(name) DEFERRABLE INITIALLY DEFERRED,
    grade TEXT NOT NULL REFERENCES grades(name) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (run, key)
);
CREATE INDEX verdict_history_key ON verdict_history(key, run);
INSERT INTO verdicts VALUES
    ('contradict', 1, 'two sources give values whose intervals do not overlap'),
    ('compatible', 2, 'the values overlap without being the same'),
    ('agree', 3, 'the same value within tolerance'),
    ('single-source', 4, 'only one source reports the key');
INSERT INTO grades VALUES
    ('contradicts-reference', 1, 'a claim contradicts an authoritative reference fact'),
    ('contested', 2, 'independent source families contradict each other'),
    ('corroborated', 3, 'two or more independent source families agree or are compatible'),
    ('single-source', 4, 'one source family only'),
    ('matches-reference', 5, 'every claim agrees with or fits the reference fact');
"#;

/// Version 2: full-text search over claims' sentences and quotes, kept in
/// step by triggers and filled from the claims already stored, and the
/// view of the claims that stand now.
const V2: &str = r#"
CREATE VIRTUAL TABLE claims_fts USING fts5(claim UNINDEXED, sentence, quote);
INSERT INTO claims_fts (claim, sentence, quote) SELECT id, sentence, quote FROM claims;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (claim, sentence, quote) VALUES (new.id, new.sentence, new.quote);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE claim = old.id;
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF sentence, quote ON claims BEGIN
    DELETE FROM claims_fts WHERE claim = old.id;
    INSERT INTO claims_fts (claim, sentence, quote) VALUES (new.id, new.sentence, new.quote);
END;
CREATE VIEW current_claims AS SELECT * FROM claims WHERE removed IS NULL;
"#;

/// The migrations, in order: `MIGRATIONS[n]` takes a store from version n
/// to n + 1.
pub(super) const MIGRATIONS: &[&str] = &[V1, V2];

/// The version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

/// The store's schema version (0 for a new, empty file).
pub(super) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Runs the migrations from the store's version up to `target`, each in
/// its own transaction with the version it reaches; returns the version
/// the store had.
pub(super) fn migrate(conn: &mut Connection, target: u32) -> rusqlite::Result<u32> {
    let had = version(conn)?;
    for (from, sql) in MIGRATIONS.iter().enumerate().take(target as usize) {
        if (from as u32) < had {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as u32 + 1)?;
        tx.commit()?;
    }
    Ok(had)
}
