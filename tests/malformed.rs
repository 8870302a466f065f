//! One test per malformed input: each gives a clear error or warning, and
//! none makes the program panic or lose a document silently.

use std::fs;

use serde_json::Value as Json;

use crate::support::{at, copy_dir, crosscheck, rules_check, run_on};

fn claims_of(stdout: &[u8]) -> Vec<Json> {
    crate::support::claim_lines(stdout)
}

/// Writes `content` to a file `name` in a fresh temp directory.
fn document(name: &str, content: impl AsRef<[u8]>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    fs::write(&file, content).unwrap();
    (dir, file)
}

const CLAIM: &str = "نحو 1500 من مقاتلي داعش في محيط القائم.";

#[test]
fn bom_and_crlf_front_matter_are_read() {
    let (_dir, file) = document(
        "bom.txt",
        format!("\u{feff}---\r\noutlet: BOM Times\r\npublished: 2017-11-04\r\n---\r\n{CLAIM}\r\n"),
    );
    let out = run_on(&["extract"], &file);
    assert_eq!(out.status.code(), Some(0));
    let claims = claims_of(&out.stdout);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["outlet"], "BOM Times");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn nul_bytes_do_not_stop_extraction() {
    let (_dir, file) = document(
        "nul.txt",
        format!("---\noutlet: X\npublished: 2017\n---\n\0\0{CLAIM}\0"),
    );
    let out = run_on(&["extract"], &file);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(claims_of(&out.stdout).len(), 1);
}

#[test]
fn empty_file_is_warned_about_and_counted() {
    let (_dir, file) = document("empty.txt", "");
    let out = run_on(&["report"], &file);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: empty document"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents: 1 read"));
}

#[test]
fn fifty_megabyte_single_line_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    let mut text = String::from("---\noutlet: X\npublished: 2017-11-04\n---\n");
    let filler = "وتواصل القوات عمليات التمشيط في المناطق المحيطة، ";
    while text.len() < 50 << 20 {
        text.push_str(filler);
    }
    text.push_str(CLAIM);
    fs::write(&file, &text).unwrap();
    let out = run_on(&["extract"], &file);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims = claims_of(&out.stdout);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["subject"], "al-qaim");
}

#[test]
fn yaml_alias_bomb_and_deep_nesting_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    let mut bomb = String::from(
        "kinds:\n  - name: x\n    value: number\n    description: &a [aaaaaaaaaa,aaaaaaaaaa,aaaaaaaaaa]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='p' {
        bomb.push_str(&format!(
            "  - name: {c}\n    value: number\n    qualifiers: &{c} [{}]\n",
            vec![format!("*{prev}"); 10].join(",")
        ));
        prev = c;
    }
    fs::write(dir.path().join("kinds.yaml"), bomb).unwrap();
    let started = std::time::Instant::now();
    let out = rules_check(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(started.elapsed().as_secs() < 20, "refused quickly");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("kinds.yaml:4:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::write(
        dir.path().join("kinds.yaml"),
        format!("kinds: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
    )
    .unwrap();
    let out = rules_check(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("kinds.yaml:1:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn over_large_phrase_in_a_rule_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    let geo = dir.path().join("claims/geography.yaml");
    let huge = "كلمة ".repeat(500);
    let text = fs::read_to_string(&geo).unwrap().replacen(
        "triggers: [كيلومتر,",
        &format!("triggers: [{huge},"),
        1,
    );
    fs::write(&geo, text).unwrap();
    let out = rules_check(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("geography.yaml:") && err.contains("refused"),
        "{err}"
    );
}

#[test]
fn duplicate_document_ids_are_renamed_not_merged() {
    let input = format!(
        "{{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"2017-11-04\",\"text\":\"{CLAIM}\"}}\n{{\"id\":\"a\",\"outlet\":\"Y\",\"published\":\"2017-11-04\",\"text\":\"{CLAIM}\"}}\n"
    );
    let out = crosscheck()
        .args(["extract", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let docs: Vec<String> = claims_of(&out.stdout)
        .iter()
        .map(|c| c["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["a", "a~2"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("duplicate document id `a`"));
}

#[test]
fn impossible_date_makes_no_date_claim() {
    let input = "{\"id\":\"d\",\"outlet\":\"X\",\"published\":\"2017-03-05\",\"text\":\"أعلنت القوات تحرير مدينة الموصل في 31 شباط 2017.\"}\n";
    let out = crosscheck()
        .args(["extract", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        claims_of(&out.stdout)
            .iter()
            .all(|c| c["kind"] != "event_date"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let input = "{\"id\":\"=cmd\",\"outlet\":\"@evil\",\"published\":\"2017-11-04\",\"text\":\"نحو 1500 من مقاتلي داعش في محيط القائم.\"}\n";
    let out = crosscheck()
        .args(["extract", "-", "--format", "csv"])
        .write_stdin(input)
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",'=cmd#1,'=cmd,'@evil,"), "{row}");
}
