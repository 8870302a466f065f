//! No wrong value without a word: numbers and dates the text writes but
//! crosscheck cannot hold or may not believe (a count of 400 nines, a
//! negative count, a share above 100%, a year outside 1900–2100, a
//! publication date that would wrap round) make no claim, and a warning
//! on stderr names the document and quotes the text.

use std::fs;

use serde_json::Value as Json;

use crate::support::crosscheck;

/// Writes a manifest corpus of `(id, published, text)` articles.
fn corpus(articles: &[(&str, &str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = String::from("documents:\n");
    for (id, published, text) in articles {
        fs::write(dir.path().join(format!("{id}.txt")), text).unwrap();
        manifest.push_str(&format!(
            "  - {{id: {id}, file: {id}.txt, outlet: Outlet {id}, published: \"{published}\", language: ar}}\n"
        ));
    }
    fs::write(dir.path().join("manifest.yaml"), manifest).unwrap();
    dir
}

/// `extract --format jsonl` on a corpus: the claims and stderr.
fn extract(dir: &tempfile::TempDir) -> (Vec<Json>, String) {
    let out = crosscheck()
        .args(["extract", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims = crate::support::claim_lines(&out.stdout);
    (claims, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn fighters(n: &str) -> String {
    format!("وقال مصدر إن {n} مقاتل من داعش يتحصنون في محيط القائم.")
}

#[test]
fn a_number_too_large_makes_no_claim_and_a_named_warning() {
    let nines = "9".repeat(400);
    let dir = corpus(&[
        ("huge", "2017-11-04", fighters(&nines)),
        ("five", "2017-11-04", fighters("500")),
        ("three", "2017-11-04", fighters("3000")),
    ]);
    let (claims, stderr) = extract(&dir);
    let docs: Vec<&str> = claims.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["five", "three"], "{claims:?}");
    assert!(stderr.contains("huge.txt"), "{stderr}");
    assert!(stderr.contains("too large"), "{stderr}");
    assert!(stderr.contains("9999999999"), "{stderr}");
    // And so no verdict: 500 and 3000 contradict, nothing agrees with both.
    let out = crosscheck()
        .args(["compare", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("null,\"max\":null"), "{text}");
    assert!(text.contains("contradict"), "{text}");
}

#[test]
fn values_outside_their_kind_make_no_claim_and_a_named_warning() {
    let dir = corpus(&[
        ("minus", "2017-11-04", fighters("-500")),
        (
            "share",
            "2017-11-04",
            "وقال إن التنظيم يسيطر على 120 في المائة من محافظة الأنبار.".to_string(),
        ),
        (
            "tiny",
            "2017-11-04",
            "وتقع القائم على بعد 0.0000001 كم غرب الرمادي.".to_string(),
        ),
    ]);
    let (claims, stderr) = extract(&dir);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["doc"], "tiny");
    assert_eq!(claims[0]["value"]["min"].as_f64(), Some(0.0000001));
    assert!(
        stderr.contains("minus.txt") && stderr.contains("-500"),
        "{stderr}"
    );
    assert!(
        stderr.contains("share.txt") && stderr.contains("120"),
        "{stderr}"
    );
    assert!(stderr.contains("bounds"), "{stderr}");
}

#[test]
fn a_year_outside_the_news_is_refused_not_replaced() {
    let dir = corpus(&[(
        "old",
        "2017-11-04",
        "وأعلن الجيش تحرير مدينة القائم في 31 كانون الأول 1899.".to_string(),
    )]);
    let (claims, stderr) = extract(&dir);
    assert!(claims.is_empty(), "{claims:?}");
    assert!(
        stderr.contains("old.txt") && stderr.contains("1899"),
        "{stderr}"
    );
}

#[test]
fn a_publication_date_that_would_wrap_is_refused_by_name() {
    let dir = corpus(&[(
        "wrap",
        "4294967295-12-31",
        "وأعلن الجيش تحرير مدينة القائم أمس.".to_string(),
    )]);
    let (claims, stderr) = extract(&dir);
    assert!(stderr.contains("wrap.txt"), "{stderr}");
    assert!(stderr.contains("4294967295-12-31"), "{stderr}");
    for claim in claims {
        assert_eq!(claim["value"]["precision"], "unresolved", "{claim}");
    }
}

#[test]
fn kind_bounds_are_checked_as_rules_load() {
    use crate::support::{at, copy_dir, rules_check};
    for (bounds, expected) in [
        ("min: 10\n    max: 5", "`min` is above `max`"),
        ("min: .nan", "must be finite"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&at("rules"), dir.path());
        let kinds = fs::read_to_string(dir.path().join("kinds.yaml")).unwrap();
        let kinds = kinds.replacen(
            "    min: 0\n    description: air strikes",
            &format!("    {bounds}\n    description: air strikes"),
            1,
        );
        fs::write(dir.path().join("kinds.yaml"), kinds).unwrap();
        let out = rules_check(dir.path());
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("airstrike_count") && err.contains(expected),
            "{err}"
        );
    }
}
