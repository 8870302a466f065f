use std::io;
use std::path::{Path, PathBuf};

use super::*;
use crate::corpus::ReadOptions;
use crate::rules::{self, RuleSet};

fn newsroom() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom")
}

fn ingest(store: &mut Store, rules: &RuleSet, version: &str, paths: &[PathBuf]) -> RunSummary {
    let job = Ingest {
        rules,
        rules_version: version,
        paths,
        options: ReadOptions::default(),
        reextract: false,
        reviews: &[],
    };
    store
        .ingest(&job, &mut io::empty())
        .expect("the run commits")
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .expect("the query runs")
}

/// A new store in a temp dir, with the bundled rules.
fn fresh() -> (tempfile::TempDir, RuleSet, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let rules = rules::load(None).expect("bundled rules");
    let store = Store::open(&dir.path().join("desk.sqlite")).expect("a new store");
    (dir, rules, store)
}

#[test]
fn a_second_run_on_the_same_corpus_extracts_nothing_and_changes_nothing() {
    let (_dir, rules, mut store) = fresh();
    let first = ingest(&mut store, &rules, "v1", &[newsroom()]);
    assert!(
        first.documents_new > 0 && first.claims_added > 0,
        "{first:?}"
    );
    assert_eq!(first.claims, first.claims_added);
    let second = ingest(&mut store, &rules, "v1", &[newsroom()]);
    assert_eq!(second.documents_new + second.documents_changed, 0);
    assert_eq!(second.documents_unchanged, first.documents_new);
    assert_eq!((second.claims_added, second.claims_removed), (0, 0));
    assert_eq!(second.claims, first.claims);
    assert_eq!(
        store.standing_at(1).expect("run 1"),
        store.standing_at(2).expect("run 2")
    );
    assert_eq!(
        store.claims_at(&rules, 1).expect("run 1"),
        store.analysis(&rules).expect("now").claims
    );
    assert!(store.check().expect("checked").is_empty());
    assert_eq!(store.runs().expect("runs").len(), 2);
}

#[test]
fn new_rules_extract_every_stored_document_again_even_one_not_in_the_input() {
    let (dir, rules, mut store) = fresh();
    let first = ingest(&mut store, &rules, "v1", &[newsroom()]);
    let extra = dir.path().join("extra.jsonl");
    let line = r#"{"id": "extra-1", "outlet": "Extra", "published": "2017-10-10", "language": "ar", "text": "قتل 40 مسلحا في الرقة."}"#;
    std::fs::write(&extra, format!("{line}\n")).expect("written");
    let again = ingest(&mut store, &rules, "v2", &[extra]);
    assert_eq!(again.documents_new, 1);
    assert_eq!(again.documents_reextracted, first.documents_new);
    assert_eq!(again.claims_removed, 0);
    let stale = count(
        &store,
        "SELECT count(*) FROM documents WHERE rules_version <> 'v2'",
    );
    assert_eq!(stale, 0);
}

#[test]
fn a_version_1_store_migrates_and_its_claims_become_searchable() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("old.sqlite");
    let rules = rules::load(None).expect("bundled rules");
    {
        let mut old = Store::open_at_version(&db, 1).expect("a version 1 store");
        assert_eq!(old.version().expect("version"), 1);
        ingest(&mut old, &rules, "v1", &[newsroom()]);
    }
    let store = Store::open(&db).expect("migrated");
    assert_eq!(store.version().expect("version"), VERSION);
    let claims = count(&store, "SELECT count(*) FROM claims");
    assert!(claims > 0);
    assert_eq!(count(&store, "SELECT count(*) FROM claims_fts"), claims);
    assert_eq!(count(&store, "SELECT count(*) FROM current_claims"), claims);
    let found = count(
        &store,
        "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'quote:الرقة OR sentence:الرقة'",
    );
    assert!(found > 0, "a word of the corpus is found");
    assert!(store.check().expect("checked").is_empty());
}

#[test]
fn a_newer_store_and_a_foreign_database_are_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let newer = dir.path().join("newer.sqlite");
    {
        let conn = rusqlite::Connection::open(&newer).expect("opened");
        conn.pragma_update(None, "user_version", VERSION + 1)
            .expect("set");
    }
    let err = Store::open(&newer).expect_err("newer").to_string();
    assert!(err.contains("newer than this crosscheck"), "{err}");
    let foreign = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("opened");
        conn.execute_batch("CREATE TABLE t (x)").expect("made");
    }
    let err = Store::open(&foreign).expect_err("foreign").to_string();
    assert!(err.contains("not a crosscheck store"), "{err}");
    let missing = dir.path().join("missing.sqlite");
    let err = Store::open_existing(&missing)
        .expect_err("missing")
        .to_string();
    assert!(err.contains("no such store"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn metadata_names_the_database_and_its_canned_queries_run() {
    let (_dir, rules, mut store) = fresh();
    ingest(&mut store, &rules, "v1", &[newsroom()]);
    let meta = metadata("desk");
    let queries = &meta["databases"]["desk"]["queries"];
    assert!(queries["new_contradictions"]["sql"].is_string());
    for (name, sql) in metadata::CANNED {
        assert_eq!(queries[name]["sql"].as_str(), Some(*sql));
        let mut stmt = store.connection().prepare(sql).expect("the query compiles");
        let params = stmt.parameter_count();
        assert!(params <= 1, "{name}");
        let rows = if params == 1 {
            stmt.query_map(["Levant Herald"], |_| Ok(()))
                .expect("runs")
                .count()
        } else {
            stmt.query_map([], |_| Ok(())).expect("runs").count()
        };
        if *name == "outlet_claims" {
            assert!(rows > 0, "Levant Herald has claims");
        }
    }
}
