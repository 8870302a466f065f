//! Snapshots of every report format on the newsroom fixture corpus (eight
//! articles, six outlets), pinned with insta; and the DOT rendered by Graphviz.

use crate::support::{crosscheck, render_dot};

fn run(args: &[&str]) -> String {
    let out = crosscheck().args(args).output().expect("crosscheck runs");
    assert!(
        out.status.code() == Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn newsroom_report_table() {
    insta::assert_snapshot!(run(&["report", "tests/fixtures/newsroom"]));
}

#[test]
fn newsroom_report_markdown() {
    insta::assert_snapshot!(run(&[
        "report",
        "tests/fixtures/newsroom",
        "--format",
        "md"
    ]));
}

#[test]
fn newsroom_report_json() {
    insta::assert_snapshot!(run(&[
        "report",
        "tests/fixtures/newsroom",
        "--format",
        "json"
    ]));
}

#[test]
fn newsroom_graph_dot() {
    let dot = run(&["graph", "tests/fixtures/newsroom", "--format", "dot"]);
    render_dot(&dot);
    insta::assert_snapshot!(dot);
}

#[test]
fn newsroom_graph_graphml() {
    insta::assert_snapshot!(run(&[
        "graph",
        "tests/fixtures/newsroom",
        "--format",
        "graphml"
    ]));
}

#[test]
fn newsroom_filters_narrow_the_report() {
    let only = run(&[
        "compare",
        "tests/fixtures/newsroom",
        "--format",
        "json",
        "--entity",
        "hawija",
        "--min-sources",
        "2",
    ]);
    let keys: Vec<serde_json::Value> = serde_json::from_str(&only).unwrap();
    assert_eq!(keys.len(), 1, "{only}");
    assert_eq!(keys[0]["key"]["kind"], "fighter_count");
    let conflicts = run(&[
        "compare",
        "tests/fixtures/newsroom",
        "--format",
        "json",
        "--verdict",
        "contradicts-reference",
    ]);
    let keys: Vec<serde_json::Value> = serde_json::from_str(&conflicts).unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["key"]["subject"], "tal-afar");
}

#[test]
/// The seeds contradict only the reference (no two outlets disagree):
/// `--fail-on-contradiction` exits 3, not 1.
fn seeds_report_flags_the_october_tal_afar_date_against_the_reference() {
    let json = run(&["report", "seeds", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let key = report["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"]["subject"] == "tal-afar" && c["key"]["kind"] == "event_date")
        .expect("a Tal Afar date key");
    assert_eq!(key["grade"], "contradicts-reference");
    assert_eq!(key["reference"]["value"]["from"], "2017-08-31");
    let version = &key["versions"][0];
    assert_eq!(version["value"]["from"], "2017-10-01");
    assert_eq!(version["reference"], "contradict");
    let first = version["claims"][0].as_str().unwrap();
    let claim = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == first)
        .expect("the version's claim is listed");
    assert_eq!(claim["doc"], "002");
    assert!(claim["ref"].as_str().unwrap().starts_with("002#"));
    crosscheck()
        .args(["report", "seeds", "--fail-on-contradiction"])
        .assert()
        .code(3);
}

#[test]
fn user_reference_file_is_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("facts.yaml");
    std::fs::write(
        &file,
        "facts:\n  - kind: fighter_count\n    subject: hawija\n    qualifier: {actor: isis}\n    value: {min: 3000, max: 3000}\n    source: a test\n",
    )
    .unwrap();
    let json = run(&[
        "compare",
        "tests/fixtures/newsroom",
        "--format",
        "json",
        "--entity",
        "hawija",
        "--reference",
        file.to_str().unwrap(),
    ]);
    assert!(
        json.contains("\"grade\": \"contradicts-reference\""),
        "{json}"
    );
    std::fs::write(
        &file,
        "facts:\n  - kind: fighter_count\n    subject: atlantis\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["report", "seeds", "--reference"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("facts.yaml:"));
}
