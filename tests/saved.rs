//! Claims saved by `extract` and judged again with `--claims`: the same
//! report, byte for byte, as from the articles, on every fixture corpus.

use std::path::Path;

use crate::support::{at, crosscheck};

/// Every corpus with a manifest: the seeds and each fixture directory.
fn corpora() -> Vec<String> {
    let mut out = vec!["seeds".to_string()];
    let mut dirs: Vec<String> = std::fs::read_dir(at("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("manifest.yaml").is_file())
        .map(|p| {
            format!(
                "tests/fixtures/{}",
                p.file_name().unwrap().to_string_lossy()
            )
        })
        .collect();
    dirs.sort();
    out.extend(dirs);
    out
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let mut cmd = crosscheck();
    cmd.args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes.to_vec());
    }
    cmd.output().unwrap()
}

/// Asserts two outputs are the same bytes, showing the first line that differs.
fn same(a: &[u8], b: &[u8], what: &str) {
    if a == b {
        return;
    }
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
    let at = line.unwrap_or(a.lines().count().min(b.lines().count()));
    panic!(
        "{what}: line {} differs:\n  articles: {:?}\n  claims:   {:?}",
        at + 1,
        a.lines().nth(at),
        b.lines().nth(at)
    );
}

#[test]
fn report_from_saved_claims_equals_report_from_articles() {
    let corpora = corpora();
    for name in ["newsroom", "dev", "holdout", "english", "french", "corpus"] {
        assert!(
            corpora.iter().any(|c| c.ends_with(name)),
            "{name} is among {corpora:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for corpus in &corpora {
        let saved = dir.path().join("claims.jsonl");
        let saved = saved.to_str().unwrap();
        let extract = run(&["extract", corpus, "-o", saved], None);
        assert_eq!(
            extract.status.code().map(|c| c <= 2),
            Some(true),
            "{corpus}"
        );
        // Every format on the two small corpora; on the others, the JSON
        // (which carries every field) and the table (the summary lines).
        let small = corpus == "seeds" || corpus.ends_with("newsroom");
        let formats: &[&str] = if small {
            &["table", "md", "json", "html", "csv"]
        } else {
            &["table", "json"]
        };
        for &format in formats {
            let articles = run(&["report", corpus, "--format", format], None);
            let claims = run(&["report", "--claims", saved, "--format", format], None);
            same(
                &articles.stdout,
                &claims.stdout,
                &format!("{corpus} --format {format}"),
            );
            assert_eq!(
                articles.status.code(),
                claims.status.code(),
                "{corpus} {format}"
            );
            assert!(!articles.stdout.is_empty(), "{corpus} {format}");
        }
        let compare = run(&["compare", corpus, "--format", "json"], None);
        let text = std::fs::read(saved).unwrap();
        let piped = run(
            &["compare", "--claims", "-", "--format", "json"],
            Some(&text),
        );
        same(
            &compare.stdout,
            &piped.stdout,
            &format!("{corpus}: compare --claims -"),
        );
    }
}

#[test]
fn saved_claims_carry_documents_and_problems() {
    let out = run(&["extract", "tests/fixtures/broken-manifest"], None);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines.iter().any(|l| l.get("document").is_some()),
        "{lines:?}"
    );
    let problems: Vec<&serde_json::Value> = lines.iter().filter_map(|l| l.get("problem")).collect();
    assert!(
        !problems.is_empty(),
        "the unreadable entries are saved: {lines:?}"
    );
    assert!(problems.iter().any(|p| p["severity"] == "unreadable"));
}

#[test]
fn a_bad_saved_line_is_an_input_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("claims.jsonl");
    std::fs::write(
        &file,
        "{\"document\":{\"id\":\"a\",\"outlet\":\"X\"}}\nnot json\n",
    )
    .unwrap();
    let out = run(&["report", "--claims", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:2: not JSON", file.display())),
        "{err}"
    );
    assert!(Path::new(&file).exists());
}

#[test]
fn claims_only_writes_one_claim_a_line() {
    let full = run(&["extract", "tests/fixtures/newsroom"], None);
    let only = run(
        &["extract", "tests/fixtures/newsroom", "--claims-only"],
        None,
    );
    let only = String::from_utf8(only.stdout).unwrap();
    let claims = crate::support::claim_lines(&full.stdout);
    assert_eq!(only.lines().count(), claims.len());
    for (line, claim) in only.lines().zip(&claims) {
        assert_eq!(
            &serde_json::from_str::<serde_json::Value>(line).unwrap(),
            claim
        );
    }
}
