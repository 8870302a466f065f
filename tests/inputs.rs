//! What is read, and what is refused by name: devices and FIFOs, documents
//! past the size limit, paths outside the corpus directory, symlink cycles
//! and alias bombs in rule directories; and the loose ends of reading
//! (a byte-order mark, `/dev/stdin`, duplicate ids, a mistyped entry).

use std::fs;
use std::path::Path;
use std::process::Command as Process;
use std::time::Duration;

use crate::support::{at, copy_dir, crosscheck};

const CLAIM: &str = "نحو 1500 من مقاتلي داعش في محيط القائم.";

fn article(dir: &Path, name: &str) {
    fs::write(
        dir.join(name),
        format!("---\noutlet: X\npublished: 2017-11-04\n---\n{CLAIM}\n"),
    )
    .unwrap();
}

/// A corpus directory whose manifest lists `ok.txt` and then `entries`.
fn manifest_corpus(entries: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    article(&corpus, "ok.txt");
    fs::write(
        corpus.join("manifest.yaml"),
        format!(
            "documents:\n  - {{id: ok, file: ok.txt, outlet: X, published: 2017-11-04}}\n{entries}"
        ),
    )
    .unwrap();
    dir
}

/// `crosscheck ARGS… extract PATH` within a minute; stdout lines and stderr.
fn extract(path: &Path, args: &[&str]) -> (Option<i32>, usize, String) {
    let out = crosscheck()
        .arg("extract")
        .arg(path)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let claims = crate::support::claim_lines(&out.stdout).len();
    (
        out.status.code(),
        claims,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn devices_and_fifos_are_refused_by_name_and_never_block() {
    let dir = manifest_corpus("  - {id: zero, file: /dev/zero}\n  - {id: pipe, file: pipe.txt}\n");
    let corpus = dir.path().join("corpus");
    let made = Process::new("mkfifo")
        .arg(corpus.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let (code, claims, err) = extract(&corpus, &["--allow-outside"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(claims, 1, "ok.txt is still read");
    assert!(
        err.contains("error: /dev/zero: not a regular file"),
        "{err}"
    );
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    // Given on the command line, a FIFO is refused the same way.
    let (code, _, err) = extract(&corpus.join("pipe.txt"), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn documents_past_the_size_limit_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "a.txt");
    // 65 MB of nothing (a sparse file): past the default limit of 64.
    let big = fs::File::create(dir.path().join("big.txt")).unwrap();
    big.set_len(65 << 20).unwrap();
    let (code, claims, err) = extract(dir.path(), &[]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(claims, 1);
    assert!(
        err.contains("big.txt: larger than the 64 MB limit"),
        "{err}"
    );
    // One JSONL line past a lowered limit skips only itself.
    let line = |text: &str| format!("{{\"id\":\"x\",\"outlet\":\"X\",\"text\":\"{text}\"}}\n");
    let jsonl = dir.path().join("in.jsonl");
    let long = format!("{CLAIM} {}", "و".repeat(1 << 20));
    fs::write(&jsonl, line(&long) + &line(CLAIM)).unwrap();
    let (code, claims, err) = extract(&jsonl, &["--max-document-mb", "1"]);
    assert_eq!(code, Some(2));
    assert_eq!(claims, 1);
    assert!(
        err.contains("in.jsonl:1: larger than the 1 MB limit"),
        "{err}"
    );
    let (code, claims, _) = extract(&jsonl, &["--max-document-mb", "3"]);
    assert_eq!((code, claims), (Some(0), 2));
}

#[test]
fn paths_outside_the_corpus_need_allow_outside() {
    let dir = manifest_corpus("  - {id: far, file: ../far.txt}\n");
    article(dir.path(), "far.txt");
    let corpus = dir.path().join("corpus");
    let (code, claims, err) = extract(&corpus, &[]);
    assert_eq!((code, claims), (Some(2), 1), "{err}");
    assert!(
        err.contains("far.txt: resolves to") && err.contains("outside the corpus directory"),
        "{err}"
    );
    let (code, claims, err) = extract(&corpus, &["--allow-outside"]);
    assert_eq!((code, claims), (Some(0), 2), "{err}");

    // A link in a directory of articles, pointing out of it.
    let plain = dir.path().join("plain");
    fs::create_dir(&plain).unwrap();
    article(&plain, "in.txt");
    std::os::unix::fs::symlink(dir.path().join("far.txt"), plain.join("link.txt")).unwrap();
    let (code, claims, err) = extract(&plain, &[]);
    assert_eq!((code, claims), (Some(2), 1), "{err}");
    assert!(err.contains("link.txt: resolves to"), "{err}");
    let (code, claims, _) = extract(&plain, &["--allow-outside"]);
    assert_eq!((code, claims), (Some(0), 2));
}

/// `crosscheck --rules DIR rules check` within a minute.
fn rules_check(dir: &Path) -> (Option<i32>, String) {
    let out = crosscheck()
        .arg("--rules")
        .arg(dir)
        .args(["rules", "check"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_symlink_cycle_in_a_rule_directory_ends() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    std::os::unix::fs::symlink("..", dir.path().join("claims/up")).unwrap();
    let (code, err) = rules_check(dir.path());
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_fifo_in_a_rule_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    let fifo = dir.path().join("claims/pipe.yaml");
    assert!(
        Process::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, err) = rules_check(dir.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("pipe.yaml: not a regular file"), "{err}");
}

#[test]
fn a_large_anchor_reused_thousands_of_times_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    let triggers: Vec<String> = (0..1000).map(|i| format!("كلمة{i}")).collect();
    let mut bomb = format!(
        "rules:\n  - id: r0\n    kind: fighter_count\n    triggers: &t [{}]\n    examples: []\n",
        triggers.join(", ")
    );
    for i in 1..=20_000 {
        bomb.push_str(&format!(
            "  - id: r{i}\n    kind: fighter_count\n    triggers: *t\n    examples: []\n"
        ));
    }
    fs::write(dir.path().join("claims/bomb.yaml"), bomb).unwrap();
    let started = std::time::Instant::now();
    let (code, err) = rules_check(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("bomb.yaml:") && err.contains("aliases expand"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_byte_order_mark_does_not_cost_the_first_jsonl_line() {
    let input = format!(
        "\u{feff}{{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"2017-11-04\",\"text\":\"{CLAIM}\"}}\n"
    );
    let out = crosscheck()
        .args(["extract", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(crate::support::claim_lines(&out.stdout).len(), 1);
}

#[test]
fn dev_stdin_reads_jsonl_as_dash_does() {
    let input = format!(
        "{{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"2017-11-04\",\"text\":\"{CLAIM}\"}}\n"
    );
    let out = crosscheck()
        .args(["extract", "/dev/stdin"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(crate::support::claim_lines(&out.stdout).len(), 1);
}

#[test]
fn a_renamed_duplicate_never_takes_an_id_in_use() {
    let line = |id: &str| {
        format!(
            "{{\"id\":\"{id}\",\"outlet\":\"X\",\"published\":\"2017-11-04\",\"text\":\"{CLAIM}\"}}\n"
        )
    };
    let input = [line("a"), line("a"), line("a~2")].concat();
    let out = crosscheck()
        .args(["extract", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let docs: Vec<String> = crate::support::claim_lines(&out.stdout)
        .iter()
        .map(|c| c["doc"].to_string())
        .collect();
    assert_eq!(docs.len(), 3);
    let mut unique = docs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{docs:?}");
}

#[test]
fn a_mistyped_manifest_entry_skips_only_itself() {
    let dir = manifest_corpus("  - {id: bad, file: ok.txt, wires: AFP}\n");
    let (code, claims, err) = extract(&dir.path().join("corpus"), &[]);
    assert_eq!((code, claims), (Some(2), 1), "{err}");
    assert!(
        err.contains("manifest.yaml entry 2: not a manifest entry"),
        "{err}"
    );
}

#[test]
fn a_users_reference_fact_overrides_the_bundled_one_with_a_notice() {
    let count = |args: &[&str]| {
        let out = crosscheck()
            .args(args)
            .args(["rules", "check"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        (stdout, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts.yaml");
    fs::write(
        &facts,
        "facts:\n  - kind: event_date\n    subject: mosul\n    qualifier: {event: liberation}\n    value: {from: 2017-07-09, to: 2017-07-09, precision: day}\n    source: a test\n",
    )
    .unwrap();
    let (bundled, _) = count(&[]);
    let (with_user, err) = count(&["--reference", facts.to_str().unwrap()]);
    assert_eq!(bundled, with_user, "the fact replaces one, it is not added");
    assert!(
        err.contains("notice: ")
            && err.contains("facts.yaml: the fact on event_date mosul event=liberation overrides")
            && err.contains("liberations.yaml (2017-07-10)"),
        "{err}"
    );
}
