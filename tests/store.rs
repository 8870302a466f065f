//! The store as a desk uses it: ingest the newsroom fixture, ingest two
//! more articles the next day, and ask the store by SQL what changed; a
//! run killed before it commits leaves the previous state whole; and
//! Datasette serves the store with its metadata.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::support::{at, crosscheck};

/// Two articles from outlets the newsroom fixture lacks: one gives
/// Hawija's fighter count as 5000 where two families said about 1000, one
/// counts fighters in al-Qaim, a key no one had.
const MORE: &str = r#"{"id": "dijla-1", "outlet": "Dijla Times", "published": "2017-10-10", "language": "ar", "text": "وقدرت مصادر أمنية وجود 5000 مسلح من داعش في الحويجة عند بدء الهجوم."}
{"id": "furat-1", "outlet": "Furat Daily", "published": "2017-11-02", "language": "ar", "text": "وقال مصدر عسكري إن نحو 500 من مقاتلي داعش يتحصنون في القائم."}
"#;

const HAWIJA: &str = "fighter_count hawija actor=isis";

fn ingest(db: &Path, corpus: &Path) -> String {
    ingest_with(db, corpus, None)
}

/// `crosscheck [--rules DIR] ingest CORPUS --db DB`; its stdout.
fn ingest_with(db: &Path, corpus: &Path, rules: Option<&Path>) -> String {
    let mut cmd = crosscheck();
    if let Some(dir) = rules {
        cmd.arg("--rules").arg(dir);
    }
    let out = cmd
        .arg("ingest")
        .arg(corpus)
        .arg("--db")
        .arg(db)
        .output()
        .expect("crosscheck runs");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs `crosscheck db check --db DB`.
fn db_check(db: &Path) -> std::process::Output {
    crosscheck()
        .args(["db", "check", "--db"])
        .arg(db)
        .output()
        .expect("crosscheck runs")
}

/// A store with the newsroom fixture (run 1) and the two articles (run 2).
fn desk(dir: &Path) -> PathBuf {
    let db = dir.join("desk.sqlite");
    ingest(&db, &at("tests/fixtures/newsroom"));
    let more = dir.join("more.jsonl");
    std::fs::write(&more, MORE).expect("written");
    ingest(&db, &more);
    db
}

fn rows(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).expect("the query compiles");
    let width = stmt.column_count();
    stmt.query_map([], |r| {
        (0..width)
            .map(|i| {
                r.get::<_, Option<rusqlite::types::Value>>(i)
                    .map(|v| match v {
                        Some(rusqlite::types::Value::Text(t)) => t,
                        Some(rusqlite::types::Value::Integer(n)) => n.to_string(),
                        Some(other) => format!("{other:?}"),
                        None => "NULL".into(),
                    })
            })
            .collect()
    })
    .expect("the query runs")
    .collect::<Result<_, _>>()
    .expect("rows read")
}

#[test]
fn a_second_day_adds_two_articles_and_the_store_says_what_changed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = desk(dir.path());
    let conn = Connection::open(&db).expect("the store opens");
    let runs = rows(
        &conn,
        "SELECT id, documents_new, documents_unchanged, claims_added, claims_removed FROM runs ORDER BY id",
    );
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs[1][1..],
        ["2", "0", "2", "0"],
        "run 2 reads only its two articles"
    );
    let documents: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .expect("counted");
    assert_eq!(runs[0][1], (documents - 2).to_string());
    // The verdict that moved, by SQL on verdict_history.
    let moved = rows(
        &conn,
        "SELECT o.key, o.verdict, o.grade, n.verdict, n.grade
         FROM verdict_history o JOIN verdict_history n ON n.key = o.key AND n.run = 2
         WHERE o.run = 1 AND (o.verdict <> n.verdict OR o.grade <> n.grade)",
    );
    assert_eq!(
        moved,
        [[HAWIJA, "agree", "corroborated", "contradict", "contested"]]
    );
    let new_keys = rows(
        &conn,
        "SELECT key, grade FROM verdict_history WHERE run = 2
         AND key NOT IN (SELECT key FROM verdict_history WHERE run = 1)",
    );
    assert_eq!(
        new_keys,
        [["fighter_count al-qaim actor=isis", "single-source"]]
    );
    // The documented one-query answer.
    let fresh = rows(&conn, crosscheck::store::NEW_CONTRADICTIONS);
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0][..3], [HAWIJA, "contradict", "contested"]);
    let events = rows(
        &conn,
        "SELECT c.document FROM claim_events e JOIN claims c ON c.id = e.claim
         WHERE e.run = 2 AND e.change = 'added' ORDER BY c.document",
    );
    assert_eq!(events, [["dijla-1"], ["furat-1"]]);
}

#[test]
fn the_store_reads_back_as_the_corpus_reports_and_diffs_since_a_run() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("desk.sqlite");
    let newsroom = at("tests/fixtures/newsroom");
    ingest(&db, &newsroom);
    let from_db = crosscheck()
        .args(["report", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    let from_corpus = crosscheck()
        .args(["report", "--format", "json"])
        .arg(&newsroom)
        .output()
        .expect("runs");
    assert!(from_db.status.success());
    assert_eq!(
        String::from_utf8_lossy(&from_db.stdout),
        String::from_utf8_lossy(&from_corpus.stdout)
    );
    let more = dir.path().join("more.jsonl");
    std::fs::write(&more, MORE).expect("written");
    let line = ingest(&db, &more);
    assert!(
        line.contains("2 new") && line.contains("1 new since the last run"),
        "{line}"
    );
    let diff = crosscheck()
        .args([
            "diff",
            "--since",
            "1",
            "--fail-on-new-contradiction",
            "--db",
        ])
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(diff.status.code(), Some(1), "a new contradiction fails");
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(
        text.starts_with("1 new contradictions; 2 keys changed; 2 claims added, 0 removed"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{HAWIJA}: agree (corroborated) → contradict (contested)"
        )),
        "{text}"
    );
    let graph = crosscheck()
        .args(["graph", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&graph.stdout).contains("al-qaim"));
    let check = db_check(&db);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).starts_with("ok: "));
    let missing = crosscheck()
        .args(["diff", "--since", "7", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no run 7"));
}

#[test]
fn a_reviewers_rejection_is_applied_on_ingest_and_recorded_with_its_author() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = desk(dir.path());
    let conn = Connection::open(&db).expect("the store opens");
    let claim: String = conn
        .query_row(
            "SELECT id FROM claims WHERE document = 'dijla-1'",
            [],
            |r| r.get(0),
        )
        .expect("dijla-1 makes one claim");
    let review = format!(
        "corrections:\n  - reject: {claim}\n    author: Lina Haddad\n    note: The 5000 is the whole province, not the town.\n"
    );
    // Beside the corpus file, as `report` finds it.
    std::fs::write(dir.path().join("review.yaml"), review).expect("written");
    let line = ingest(&db, &dir.path().join("more.jsonl"));
    assert!(
        line.contains("2 unchanged") && line.contains("1 corrections applied"),
        "{line}"
    );
    let recorded = rows(
        &conn,
        "SELECT run, claim, author, note, applied FROM corrections",
    );
    assert_eq!(
        recorded,
        [[
            "3",
            claim.as_str(),
            "Lina Haddad",
            "The 5000 is the whole province, not the town.",
            "1"
        ]]
    );
    let hawija = rows(
        &conn,
        &format!("SELECT run, verdict FROM verdict_history WHERE key = '{HAWIJA}' ORDER BY run"),
    );
    assert_eq!(
        hawija,
        [["1", "agree"], ["2", "contradict"], ["3", "agree"]]
    );
    let report = crosscheck()
        .args(["report", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).expect("JSON");
    let ids: Vec<&str> = json["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(
        !ids.contains(&claim.as_str()),
        "the rejected claim is left out"
    );
    assert!(ids.len() > 10);
}

/// Everything a store says, for comparing two states.
fn state(db: &Path) -> Vec<Vec<Vec<String>>> {
    let conn = Connection::open(db).expect("the store opens");
    [
        "SELECT * FROM runs ORDER BY id",
        "SELECT id, hash, run FROM documents ORDER BY id",
        "SELECT id, removed FROM claims ORDER BY id",
        "SELECT * FROM keys ORDER BY id",
        "SELECT * FROM verdict_history ORDER BY run, key",
        "SELECT * FROM pairs ORDER BY key, a, b",
    ]
    .iter()
    .map(|sql| rows(&conn, sql))
    .collect()
}

#[test]
fn an_ingest_killed_before_it_commits_leaves_the_previous_state_whole() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("desk.sqlite");
    ingest(&db, &at("tests/fixtures/newsroom"));
    let before = state(&db);
    let more = dir.path().join("more.jsonl");
    std::fs::write(&more, MORE).expect("written");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
        .arg("ingest")
        .arg(&more)
        .arg("--db")
        .arg(&db)
        .env(crosscheck::store::PAUSE_BEFORE_COMMIT, "60")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ingest starts");
    let stderr = child.stderr.take().expect("stderr piped");
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).expect("a line");
    assert_eq!(line.trim(), "paused before commit");
    // The run has written its documents, claims and comparison; a reader
    // (WAL) is not blocked and sees the state before it. Now kill it.
    assert_eq!(state(&db), before, "a reader sees the last committed run");
    child.kill().expect("SIGKILL sent");
    child.wait().expect("reaped");
    assert_eq!(state(&db), before, "the killed run left no trace");
    let check = db_check(&db);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let line = ingest(&db, &more);
    assert!(line.starts_with("run 2: 2 documents read (2 new"), "{line}");
}

/// A Datasette server on loopback, ended when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` on 127.0.0.1:port; the body of a 200 answer.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let (head, body) = answer.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.0 200")
        .then(|| body.to_string())
        .or_else(|| head.starts_with("HTTP/1.1 200").then(|| body.to_string()))
}

/// A virtual environment with Datasette, made once per target directory;
/// why not, where it cannot be had.
fn datasette() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasette-venv");
    let bin = venv.join("bin/datasette");
    if bin.is_file() {
        return Ok(bin);
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output();
    match made {
        Err(e) => return Err(format!("python3 cannot be run ({e})")),
        Ok(out) if !out.status.success() => {
            return Err(format!(
                "python3 -m venv fails ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(_) => {}
    }
    let pip = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "datasette",
        ])
        .output()
        .map_err(|e| format!("pip cannot be run ({e})"))?;
    if !pip.status.success() {
        let _ = std::fs::remove_dir_all(&venv);
        return Err(format!(
            "pip cannot install datasette (no package index?): {}",
            String::from_utf8_lossy(&pip.stderr).trim()
        ));
    }
    Ok(bin)
}

#[test]
fn datasette_serves_the_contested_keys_of_the_store() {
    let datasette = match datasette() {
        Ok(bin) => bin,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = desk(dir.path());
    let metadata = dir.path().join("metadata.json");
    let out = crosscheck()
        .args(["db", "metadata", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&metadata)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let _server = Server(
        Command::new(datasette)
            .arg("serve")
            .arg(&db)
            .arg("-m")
            .arg(&metadata)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("datasette starts"),
    );
    let started = Instant::now();
    let body = loop {
        if let Some(body) = get(port, "/desk/contested_keys.json?_shape=array") {
            break body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "datasette did not answer in 60 s"
        );
        std::thread::sleep(Duration::from_millis(250));
    };
    let served: Vec<serde_json::Value> = serde_json::from_str(&body).expect("a JSON array");
    let keys: Vec<&str> = served.iter().filter_map(|r| r["key"].as_str()).collect();
    let conn = Connection::open(&db).expect("the store opens");
    let expected: Vec<String> = rows(
        &conn,
        "SELECT id FROM keys WHERE verdict = 'contradict' OR grade IN ('contested', 'contradicts-reference')",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert_eq!(keys.len(), expected.len(), "{body}");
    assert!(keys.contains(&HAWIJA), "{body}");
    assert!(expected.iter().all(|k| keys.contains(&k.as_str())));
    assert_eq!(served[0]["grade"], "contradicts-reference", "worst first");
    let metadata = get(port, "/-/metadata.json").expect("the metadata served");
    assert!(
        metadata.contains("New contradictions since the last run"),
        "{metadata}"
    );
}

#[test]
fn a_review_file_that_does_not_load_stops_the_ingest_before_any_store_is_made() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let more = dir.path().join("more.jsonl");
    std::fs::write(&more, MORE).expect("written");
    std::fs::write(
        dir.path().join("review.yaml"),
        "corrections:\n  - reject: 6921e3c6d582\n    author: Lina Haddad\n",
    )
    .expect("written");
    let db = dir.path().join("desk.sqlite");
    let out = crosscheck()
        .arg("ingest")
        .arg(&more)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("crosscheck runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("review.yaml:2:5: corrections[0]: missing field `note`"),
        "{err}"
    );
    assert!(!db.exists(), "no store is made");
}

/// Copies a directory tree.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("made");
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copied");
        }
    }
}

#[test]
fn a_changed_rule_file_extracts_every_stored_document_again() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let rules = dir.path().join("rules");
    copy_tree(&at("rules"), &rules);
    let db = dir.path().join("desk.sqlite");
    let newsroom = at("tests/fixtures/newsroom");
    let run = || ingest_with(&db, &newsroom, Some(&rules));
    assert!(run().contains("(9 new, 0 changed, 0 extracted again for new rules, 0 unchanged)"));
    assert!(run().contains("(0 new, 0 changed, 0 extracted again for new rules, 9 unchanged)"));
    let kinds = rules.join("kinds.yaml");
    let mut text = std::fs::read_to_string(&kinds).expect("read");
    text.push_str("# a desk's note\n");
    std::fs::write(&kinds, text).expect("written");
    let third = run();
    assert!(
        third.contains("(0 new, 0 changed, 9 extracted again for new rules, 0 unchanged); 0 claims added, 0 removed"),
        "{third}"
    );
    let conn = Connection::open(&db).expect("the store opens");
    let versions = rows(&conn, "SELECT DISTINCT rules_version FROM runs ORDER BY id");
    assert_eq!(versions.len(), 2, "the edit made a new rules version");
}
