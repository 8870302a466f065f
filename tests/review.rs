//! The fact-checker's loop, end to end: extract, report, correct with a
//! `review.yaml`, add articles, and see what changed with `diff`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde_json::Value as Json;

use crate::support::{at, copy_dir, crosscheck};

/// The two articles added on the second day.
const LATER: [&str; 2] = ["desert-1", "levant-2"];

fn ok(args: &[&str]) -> String {
    let out = crosscheck().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The newsroom corpus in `dir`, without the later articles or, with
/// `all`, with them; `reversed` lists the manifest's entries backwards.
fn corpus(dir: &Path, all: bool, reversed: bool) {
    copy_dir(&at("tests/fixtures/newsroom"), dir);
    let manifest = fs::read_to_string(dir.join("manifest.yaml")).unwrap();
    let (head, entries) = manifest.split_once("documents:\n").unwrap();
    let mut entries: Vec<&str> = entries
        .lines()
        .filter(|l| all || !LATER.iter().any(|d| l.contains(&format!("id: {d},"))))
        .collect();
    if reversed {
        entries.reverse();
    }
    fs::write(
        dir.join("manifest.yaml"),
        format!("{head}documents:\n{}\n", entries.join("\n")),
    )
    .unwrap();
}

/// Claims by id from `extract`'s JSONL (document and problem lines left out).
fn claims(dir: &Path) -> BTreeMap<String, Json> {
    ok(&["extract", dir.to_str().unwrap()])
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).unwrap())
        .filter(|c| c.get("kind").is_some())
        .map(|c| (c["id"].as_str().unwrap().to_string(), c))
        .collect()
}

fn report(dir: &Path, file: &Path) -> Json {
    ok(&[
        "report",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]);
    serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap()
}

/// Each key's (verdict, grade), by its key object.
fn standings(report: &Json) -> BTreeMap<String, (String, String)> {
    report["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].to_string(),
                (c["verdict"].to_string(), c["grade"].to_string()),
            )
        })
        .collect()
}

/// Claims without the fields a position gives (`ref`, `span`).
fn content(claims: &BTreeMap<String, Json>) -> BTreeMap<String, Json> {
    claims
        .iter()
        .map(|(id, c)| {
            let mut c = c.clone();
            c.as_object_mut().unwrap().remove("ref");
            (id.clone(), c)
        })
        .collect()
}

#[test]
fn the_review_loop_extract_report_correct_add_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let day1 = tmp.path().join("day1");
    corpus(&day1, false, false);
    let before = claims(&day1);
    let plain = report(&day1, &tmp.path().join("plain.json"));

    // The reviewer rejects Wadi News's Tal Afar fighter count and moves
    // Al-Sharq's onto Mosul; a third correction names a claim that is gone.
    let pick = |doc: &str, kind: &str| {
        before
            .values()
            .find(|c| c["doc"] == doc && c["kind"] == kind && c["subject"] == "tal-afar")
            .map(|c| c["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (rejected, moved) = (
        pick("wadi-1", "fighter_count"),
        pick("sharq-1", "fighter_count"),
    );
    let review = format!(
        "corrections:\n  - reject: {rejected}\n    author: Lina\n    note: an old estimate\n  \
         - claim: {moved}\n    subject: mosul\n    author: Omar\n    note: the sentence is about Mosul\n  \
         - reject: 0123456789ab\n    author: Lina\n    note: a claim of an article since withdrawn\n"
    );
    fs::write(day1.join("review.yaml"), &review).unwrap();
    let out = crosscheck()
        .args(["report", day1.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 corrections from"), "{err}");
    assert!(
        err.contains("0123456789ab") && err.contains("not applied"),
        "{err}"
    );
    let first = report(&day1, &tmp.path().join("day1.json"));
    let ids = |r: &Json| -> BTreeSet<String> {
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&plain).contains(&rejected));
    assert!(
        !ids(&first).contains(&rejected),
        "the rejected claim is judged no more"
    );
    let moved_claim = first["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == moved.as_str())
        .unwrap();
    assert_eq!(moved_claim["subject"], "mosul");
    let corrections = first["corrections"].as_array().unwrap();
    assert_eq!(corrections.len(), 3);
    assert_eq!(corrections[0]["action"], "reject");
    assert_eq!(corrections[0]["author"], "Lina");
    assert_eq!(corrections[1]["note"], "the sentence is about Mosul");
    assert!(corrections[2]["unmatched"].is_string(), "{corrections:?}");
    let md = ok(&["report", day1.to_str().unwrap(), "--format", "md"]);
    assert!(
        md.contains("## Corrections") && md.contains("Omar: the sentence is about Mosul"),
        "{md}"
    );
    let html = ok(&["report", day1.to_str().unwrap(), "--format", "html"]);
    assert!(
        html.contains("<h2>Corrections</h2>") && html.contains("Lina: an old estimate"),
        "{html}"
    );
    let table = ok(&["report", day1.to_str().unwrap()]);
    assert!(
        table.contains("correction: reject claim") && table.contains("not applied"),
        "{table}"
    );

    // The next morning: two articles more, the same review.
    let day2 = tmp.path().join("day2");
    corpus(&day2, true, false);
    fs::write(day2.join("review.yaml"), &review).unwrap();
    let after = claims(&day2);
    let second = report(&day2, &tmp.path().join("day2.json"));
    let diff: Json = serde_json::from_str(&ok(&[
        "diff",
        tmp.path().join("day1.json").to_str().unwrap(),
        tmp.path().join("day2.json").to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();

    // Exactly the new articles' claims are added, none removed.
    let listed = |name: &str| -> BTreeSet<String> {
        diff[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let expected: BTreeSet<String> = after
        .values()
        .filter(|c| LATER.iter().any(|d| c["doc"] == *d))
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(listed("added"), expected);
    assert!(listed("removed").is_empty());
    // Exactly the keys whose verdict or grade differs between the reports.
    let (s1, s2) = (standings(&first), standings(&second));
    let changed: BTreeSet<String> = s1
        .keys()
        .chain(s2.keys())
        .filter(|k| s1.get(*k) != s2.get(*k))
        .cloned()
        .collect();
    assert!(!changed.is_empty(), "the new articles change some key");
    let keys: BTreeSet<String> = diff["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["key"].to_string())
        .collect();
    assert_eq!(keys, changed);

    // Untouched claims keep their ids across the runs and a shuffled corpus.
    let old_docs = |cs: &BTreeMap<String, Json>| -> BTreeMap<String, Json> {
        content(cs)
            .into_iter()
            .filter(|(_, c)| !LATER.iter().any(|d| c["doc"] == *d))
            .collect()
    };
    assert_eq!(old_docs(&before), old_docs(&after));
    let shuffled = tmp.path().join("shuffled");
    corpus(&shuffled, true, true);
    assert_eq!(content(&claims(&shuffled)), content(&after));
}

#[test]
fn a_new_contradiction_fails_the_diff_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one.jsonl");
    let both = tmp.path().join("both.jsonl");
    let (one, both) = (one.to_str().unwrap(), both.to_str().unwrap());
    ok(&["extract", "tests/fixtures/newsroom/sharq-1.txt", "-o", one]);
    ok(&["extract", "tests/fixtures/newsroom", "-o", both]);
    let table = ok(&["diff", one, both]);
    assert!(table.contains("new contradictions ("), "{table}");
    let code = |args: &[&str]| crosscheck().args(args).output().unwrap().status.code();
    assert_eq!(
        code(&["diff", one, both, "--fail-on-new-contradiction"]),
        Some(1)
    );
    assert_eq!(
        code(&["diff", both, one, "--fail-on-new-contradiction"]),
        Some(0)
    );
    assert_eq!(code(&["diff", both, "no/such/file.json"]), Some(2));
}

#[test]
fn a_bad_review_file_is_placed_at_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("review.yaml");
    fs::write(
        &file,
        "corrections:\n  - place: provisional-x\n    alias_of: tal-afr\n    author: A\n    note: n\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["report", "seeds", "--review", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:3:15:", file.display())), "{err}");
    assert!(err.contains("did you mean \"tal-afar\""), "{err}");
}

#[test]
fn filters_say_what_they_did() {
    let run = |args: &[&str]| crosscheck().args(args).output().unwrap();
    let out = run(&[
        "report",
        "tests/fixtures/newsroom",
        "--kind",
        "fighter_counts",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean \"fighter_count\""));
    let out = run(&["report", "tests/fixtures/newsroom", "--entity", "tal-afr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean \"tal-afar\""));
    let by_id = run(&["report", "tests/fixtures/newsroom", "--entity", "tal-afar"]);
    let by_name = run(&["report", "tests/fixtures/newsroom", "--entity", "تلعفر"]);
    assert_eq!(by_id.stdout, by_name.stdout);
    let text = String::from_utf8(by_id.stdout).unwrap();
    let total = ok(&["report", "tests/fixtures/newsroom", "--format", "json"]);
    let total: Json = serde_json::from_str(&total).unwrap();
    let keys = total["summary"]["keys"].as_u64().unwrap();
    assert!(text.contains(&format!("2 of {keys} keys shown")), "{text}");
}

#[test]
fn exit_codes_tell_sources_from_the_reference() {
    let code = |path: &str| {
        crosscheck()
            .args(["report", path, "--fail-on-contradiction"])
            .output()
            .unwrap()
            .status
            .code()
    };
    // Outlets contradict each other.
    assert_eq!(code("tests/fixtures/newsroom"), Some(1));
    // Only the reference is contradicted (the seeds' October date).
    assert_eq!(code("seeds"), Some(3));
}

#[test]
fn the_summary_counts_documents_with_warnings_not_warnings() {
    // The first document has two warnings (no outlet, no date), the second none.
    let input = "{\"id\":\"a\",\"text\":\"نحو 1500 من مقاتلي داعش في محيط القائم.\"}\n\
                 {\"id\":\"b\",\"outlet\":\"X\",\"published\":\"2017-11-04\",\"text\":\"نحو 1500 من مقاتلي داعش في محيط القائم.\"}\n";
    let out = crosscheck()
        .args(["report", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("2 read, 0 unreadable, 1 with warnings"),
        "{text}"
    );
}

#[test]
fn ids_survive_a_rule_change_that_shifts_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    copy_dir(&at("rules"), &rules);
    fs::remove_file(rules.join("claims/geography.yaml")).unwrap();
    let lines = |out: std::process::Output| crate::support::claim_lines(&out.stdout);
    let before = lines(
        crosscheck()
            .args(["extract", "tests/fixtures/dev"])
            .output()
            .unwrap(),
    );
    let after = lines(
        crosscheck()
            .arg("--rules")
            .arg(&rules)
            .args(["extract", "tests/fixtures/dev"])
            .output()
            .unwrap(),
    );
    assert!(
        after.len() < before.len(),
        "the geography rules made claims"
    );
    let said = |c: &Json| {
        ["doc", "kind", "subject", "qualifier", "value", "quote"]
            .map(|f| c[f].to_string())
            .join("\u{1f}")
    };
    let by_content: BTreeMap<String, &Json> = before.iter().map(|c| (said(c), c)).collect();
    let (mut same, mut shifted) = (0, 0);
    for c in &after {
        if let Some(old) = by_content.get(&said(c)) {
            assert_eq!(old["id"], c["id"], "{c}");
            same += 1;
            shifted += usize::from(old["ref"] != c["ref"]);
        }
    }
    assert!(same > after.len() / 2, "{same} of {}", after.len());
    assert!(shifted > 0, "some positions moved, the ids did not");
}
