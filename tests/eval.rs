//! `crosscheck eval`: its figures on the seeds equal the gold test's, its
//! floors gate the exit code, bad gold files are placed, and the
//! development corpus (tests/fixtures/dev) is as docs/eval.md describes it
//! and stays above the accuracy floors measured when it was built.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value as Json;

use crate::gold::{gold_path, load_gold, score};
use crate::support::{at, crosscheck, extract};

const DEV: &str = "tests/fixtures/dev";
const DEV_GOLD: &str = "tests/fixtures/dev/gold.yaml";

/// Runs `crosscheck eval PATH --gold GOLD --format json ARGS…`.
fn eval_json(path: &str, gold: &str, args: &[&str]) -> (Json, std::process::Output) {
    let out = crosscheck()
        .args(["eval", path, "--gold", gold, "--format", "json"])
        .args(args)
        .output()
        .expect("crosscheck runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Json::Null);
    (json, out)
}

fn count(v: &Json) -> usize {
    v.as_u64().expect("a count") as usize
}

#[test]
fn eval_on_the_seeds_gives_the_gold_tests_figures() {
    let gold = gold_path();
    let (json, out) = eval_json("seeds", gold.to_str().unwrap(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = score(&load_gold(), &extract(&at("seeds")), None);
    let overall = &json["recall"]["overall"];
    assert_eq!(count(&overall["gold"]), expected.total);
    assert_eq!(count(&overall["loose"]), expected.found);
    assert_eq!(count(&overall["strict"]), expected.with_qualifier);
}

#[test]
fn every_miss_and_false_claim_has_a_cause() {
    let (json, out) = eval_json(DEV, DEV_GOLD, &["-v"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let overall = &json["recall"]["overall"];
    let misses = json["misses"].as_array().unwrap();
    assert_eq!(
        misses.len(),
        count(&overall["gold"]) - count(&overall["strict"]),
        "one miss listed for each gold claim not found strictly"
    );
    let falses = json["false_claims"].as_array().unwrap();
    let precision = &json["precision"];
    assert_eq!(
        falses.len(),
        count(&precision["claims"]) - count(&precision["loose"])
    );
    let known: HashSet<&str> = [
        "wrong-qualifier",
        "wrong-subject",
        "interval-wrong",
        "other-kind",
        "no-value",
        "unknown-kind",
        "trap",
        "not-in-gold",
    ]
    .into();
    for item in misses.iter().chain(falses) {
        assert!(known.contains(item["cause"].as_str().unwrap()), "{item}");
    }
    let by_cause: usize = json["misses_by_cause"]
        .as_object()
        .unwrap()
        .values()
        .map(count)
        .sum();
    assert_eq!(by_cause, misses.len());
}

#[test]
fn floors_set_the_exit_code() {
    let gold = gold_path();
    let gold = gold.to_str().unwrap();
    let (_, met) = eval_json("seeds", gold, &["--min-recall", "50", "--max-traps", "0"]);
    assert_eq!(met.status.code(), Some(0));
    let (_, unmet) = eval_json(
        "seeds",
        gold,
        &["--min-recall", "100", "--min-pairs", "100"],
    );
    assert_eq!(unmet.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unmet.stderr);
    assert!(stderr.contains("floor not met: recall"), "{stderr}");
    assert!(stderr.contains("floor not met: pairs right"), "{stderr}");
    let bad = crosscheck()
        .args(["eval", "seeds", "--gold", gold, "--min-recall", "140"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_bad_gold_file_is_refused_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gold.yaml");
    let eval_with = |gold: &str| {
        std::fs::write(&path, gold).unwrap();
        let out = crosscheck()
            .args(["eval", "seeds", "--gold"])
            .arg(&path)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = eval_with(
        "documents:\n  \"001\":\n    - {kind: event_date, subject: al-qaim, value: {from: 2017-02-30, to: 2017-03-01, precision: day}}\n",
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("gold.yaml:3:"), "{stderr}");
    assert!(stderr.contains("\"2017-02-30\" is not a date"), "{stderr}");
    let (code, stderr) = eval_with("traps:\n  - {doc: \"999\", text: \"x\"}\n");
    assert_eq!(code, Some(2));
    assert!(stderr.contains("document \"999\""), "{stderr}");
}

#[test]
fn the_table_names_each_figure() {
    let out = crosscheck()
        .args(["eval", "seeds", "--gold"])
        .arg(gold_path())
        .arg("-v")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "recall: loose",
        "precision: loose",
        "traps hit:",
        "pairs right:",
        "misses:",
        "false claims:",
        "pairs:",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
}

/// The corpus as docs/eval.md promises it: size, languages, outlets, no
/// event after June 2017, a source page for each document; a gold with
/// traps and pairs of every verdict; every quote and trap in its text.
#[test]
fn the_development_corpus_is_as_described() {
    let manifest: serde_norway::Value =
        serde_norway::from_str(&std::fs::read_to_string(at(DEV).join("manifest.yaml")).unwrap())
            .unwrap();
    let docs = manifest["documents"].as_sequence().unwrap();
    let field = |d: &serde_norway::Value, k: &str| d[k].as_str().unwrap_or("").to_string();
    let language = |l: &str| docs.iter().filter(|d| field(d, "language") == l).count();
    assert!(docs.len() >= 60, "{} documents", docs.len());
    assert!(language("ar") >= 45 && language("en") >= 15);
    let outlets: HashSet<String> = docs.iter().map(|d| field(d, "outlet")).collect();
    assert!(outlets.len() >= 30, "{} outlets", outlets.len());
    for d in docs {
        let published = field(d, "published");
        assert!(
            !published.is_empty() && published.as_str() < "2017-07",
            "{}: published {published:?}; the corpus ends in June 2017",
            field(d, "id")
        );
        assert!(
            field(d, "url").starts_with("http"),
            "{}: no url",
            field(d, "id")
        );
    }
    let gold: serde_norway::Value =
        serde_norway::from_str(&std::fs::read_to_string(at(DEV_GOLD)).unwrap()).unwrap();
    assert!(gold["traps"].as_sequence().unwrap().len() >= 50);
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    for p in gold["pairs"].as_sequence().unwrap() {
        *verdicts.entry(field(p, "verdict")).or_default() += 1;
    }
    for v in ["agree", "compatible", "contradict"] {
        assert!(verdicts.get(v).copied().unwrap_or(0) >= 12, "{verdicts:?}");
    }
    let (_, out) = eval_json(DEV, DEV_GOLD, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("is not in document"),
        "gold quotes and traps stand in their documents:\n{stderr}"
    );
}

/// The held-out corpus keeps to the same promises as the development one:
/// nothing published after June 2017, a page for every document, every
/// quote and trap in its text.
#[test]
fn the_held_out_corpus_is_as_described() {
    let dir = at("tests/fixtures/holdout");
    let manifest: serde_norway::Value =
        serde_norway::from_str(&std::fs::read_to_string(dir.join("manifest.yaml")).unwrap())
            .unwrap();
    for d in manifest["documents"].as_sequence().unwrap() {
        let published = d["published"].as_str().unwrap_or("");
        assert!(!published.is_empty() && published < "2017-07", "{d:?}");
        assert!(d["url"].as_str().unwrap_or("").starts_with("http"), "{d:?}");
    }
    let (_, out) = eval_json(
        "tests/fixtures/holdout",
        "tests/fixtures/holdout/gold.yaml",
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("is not in document"));
}

/// The ratchet: figures measured on the development corpus, the held-out
/// corpus (never tuned on) and the seeds.
/// Later work may raise these floors; lowering one needs a reason in the
/// commit that does it.
#[test]
fn accuracy_stays_above_its_floors() {
    let floors = |recall: &str, precision: &str, traps: &str, pairs: &str| {
        [
            "--min-recall",
            recall,
            "--min-precision",
            precision,
            "--max-traps",
            traps,
            "--min-pairs",
            pairs,
        ]
        .map(str::to_string)
    };
    let gold = gold_path();
    let runs = [
        (
            DEV.to_string(),
            DEV_GOLD.to_string(),
            floors("76.6", "85.0", "1", "47.5"),
        ),
        // Holdout precision 74.5 → 73.5 (39/53 = 73.58%): the same recall (38/63) and the
        // same false claims, but «اليوم الخميس» is one date mention now,
        // not a relative day and a weekday each making a claim, so two
        // duplicate true claims are gone (41/55 → 39/53).
        (
            "tests/fixtures/holdout".to_string(),
            "tests/fixtures/holdout/gold.yaml".to_string(),
            floors("60.3", "73.5", "2", "31.8"),
        ),
        (
            "seeds".to_string(),
            gold.to_string_lossy().into_owned(),
            floors("91", "95", "0", "50"),
        ),
    ];
    for (path, gold, floors) in runs {
        let out = crosscheck()
            .args(["eval", &path, "--gold", &gold])
            .args(&floors)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{path}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// Every speaker the development corpus yields is a noun phrase: no digit,
/// no claim trigger (a verb or noun of the claim, «تحرير», "liberated"), no
/// date, and no longer than a name with its title.
#[test]
fn every_speaker_over_the_development_corpus_is_a_noun_phrase() {
    let rules = crosscheck::rules::load(None).expect("bundled rules");
    let claims = extract(&at(DEV));
    let mut speakers = 0;
    let mut bad = Vec::new();
    for claim in &claims {
        let Some(speaker) = claim["speaker"].as_str() else {
            continue;
        };
        speakers += 1;
        let norm = crosscheck::text::normalize(speaker).text;
        let mut tokens = crosscheck::text::tokenize(&norm);
        rules.lexicon.mark(&norm, &mut tokens);
        let all = 0..tokens.tokens.len();
        let trigger = !rules
            .triggers
            .find_all(&norm, &tokens, all.clone())
            .is_empty();
        let date = !crosscheck::recognize::find_dates(&rules.dates, &norm, &tokens, all).is_empty();
        let digit = speaker.chars().any(|c| c.is_numeric());
        let long = speaker.split_whitespace().count() > 12;
        if trigger || date || digit || long {
            bad.push(format!("{}: {speaker:?}", claim["id"]));
        }
    }
    assert!(speakers > 50, "the corpus names speakers ({speakers})");
    assert!(
        bad.is_empty(),
        "speakers that are not noun phrases:\n{}",
        bad.join("\n")
    );
}
