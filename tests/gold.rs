//! The seeds against ../shared/gold/seeds.yaml (a copy is kept in
//! tests/fixtures/gold for machines without shared/): which gold claims the
//! tool recovers, that no trap is taken for a claim, and the gold pairs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::support::{at, crosscheck, extract};

#[derive(Debug, Deserialize)]
pub struct Gold {
    documents: BTreeMap<String, Vec<GoldClaim>>,
    traps: Vec<Trap>,
    pairs: Vec<GoldPair>,
}

#[derive(Debug, Deserialize)]
struct GoldClaim {
    kind: String,
    subject: OneOrMany,
    #[serde(default)]
    qualifier: BTreeMap<String, String>,
    value: BTreeMap<String, serde_norway::Value>,
    difficulty: String,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn contains(&self, id: &str) -> bool {
        match self {
            OneOrMany::One(s) => s == id,
            OneOrMany::Many(v) => v.iter().any(|s| s == id),
        }
    }
}

#[derive(Debug, Deserialize)]
struct Trap {
    doc: String,
    text: String,
}

#[derive(Debug, Deserialize)]
struct GoldPair {
    key: (String, String, BTreeMap<String, String>),
    docs: (String, String),
    verdict: String,
}

pub fn gold_path() -> PathBuf {
    let shared = at("../shared/gold/seeds.yaml");
    if shared.is_file() {
        shared
    } else {
        at("tests/fixtures/gold/seeds.yaml")
    }
}

pub fn load_gold() -> Gold {
    let text = std::fs::read_to_string(gold_path()).expect("gold file");
    serde_norway::from_str(&text).expect("gold parses")
}

fn yaml_number(v: &serde_norway::Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_i64().map(|i| i as f64))
}

fn yaml_text(v: &serde_norway::Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// Does `claim` carry the gold value? Numbers to within 0.1%, dates to the day.
fn same_value(gold: &BTreeMap<String, serde_norway::Value>, claim: &Json) -> bool {
    let v = &claim["value"];
    if gold.contains_key("precision") {
        let side = |k: &str| gold.get(k).and_then(yaml_text);
        return side("from").as_deref() == v["from"].as_str()
            && side("to").as_deref() == v["to"].as_str()
            && side("precision").as_deref() == v["precision"].as_str();
    }
    let close = |k: &str| {
        let g = gold.get(k).and_then(yaml_number);
        let c = v[k].as_f64();
        match (g, c) {
            (Some(g), Some(c)) => (g - c).abs() <= 0.001 * g.abs().max(1.0),
            (None, None) => true,
            _ => false,
        }
    };
    close("min") && close("max")
}

pub struct Score {
    pub found: usize,
    pub with_qualifier: usize,
    pub total: usize,
    missed: Vec<String>,
}

pub fn score(gold: &Gold, claims: &[Json], only: Option<&str>) -> Score {
    let mut s = Score {
        found: 0,
        with_qualifier: 0,
        total: 0,
        missed: Vec::new(),
    };
    for (doc, expected) in &gold.documents {
        for g in expected
            .iter()
            .filter(|g| only.is_none_or(|d| g.difficulty == d))
        {
            s.total += 1;
            let hits: Vec<&Json> = claims
                .iter()
                .filter(|c| {
                    c["doc"] == doc.as_str()
                        && c["kind"] == g.kind.as_str()
                        && g.subject.contains(c["subject"].as_str().unwrap_or(""))
                        && same_value(&g.value, c)
                })
                .collect();
            if hits.is_empty() {
                s.missed
                    .push(format!("{doc} {} {:?} {:?}", g.kind, g.subject, g.value));
                continue;
            }
            s.found += 1;
            let qualified = hits.iter().any(|c| {
                let q: BTreeMap<String, String> =
                    serde_json::from_value(c["qualifier"].clone()).unwrap_or_default();
                q == g.qualifier
            });
            if qualified {
                s.with_qualifier += 1;
            }
        }
    }
    s
}

#[test]
fn seeds_recover_the_easy_gold_claims() {
    let gold = load_gold();
    let claims = extract(&at("seeds"));
    let easy = score(&gold, &claims, Some("easy"));
    assert!(
        easy.found + 1 >= easy.total,
        "easy claims recovered: {} of {}; missed: {:#?}",
        easy.found,
        easy.total,
        easy.missed
    );
    let all = score(&gold, &claims, None);
    println!(
        "gold: {} of {} claims recovered, {} with their qualifier; missed: {:#?}",
        all.found, all.total, all.with_qualifier, all.missed
    );
    assert!(
        all.found >= 21,
        "at least 21 of {} gold claims, got {}",
        all.total,
        all.found
    );
    assert!(
        all.with_qualifier >= 18,
        "at least 18 with their qualifier, got {}",
        all.with_qualifier
    );
}

#[test]
fn seeds_take_no_trap_for_a_claim() {
    let gold = load_gold();
    let claims = extract(&at("seeds"));
    let manifest: serde_norway::Value =
        serde_norway::from_str(&std::fs::read_to_string(at("seeds/manifest.yaml")).unwrap())
            .unwrap();
    for trap in &gold.traps {
        let file = manifest["documents"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|d| d["id"].as_str() == Some(trap.doc.as_str()))
            .and_then(|d| d["file"].as_str())
            .expect("trap document is in the manifest");
        let text = std::fs::read_to_string(at("seeds").join(file)).unwrap();
        let start = text
            .find(&trap.text)
            .unwrap_or_else(|| panic!("trap text {:?} in {file}", trap.text));
        let end = start + trap.text.len();
        for c in claims.iter().filter(|c| c["doc"] == trap.doc.as_str()) {
            let (a, b) = (
                c["span"][0].as_u64().unwrap() as usize,
                c["span"][1].as_u64().unwrap() as usize,
            );
            assert!(
                b <= start || a >= end,
                "claim {} overlaps the trap {:?}",
                c["id"],
                trap.text
            );
        }
    }
}

#[test]
fn seed_spans_and_quotes_point_into_the_documents() {
    let claims = extract(&at("seeds"));
    assert!(!claims.is_empty());
    for c in &claims {
        let doc = c["doc"].as_str().unwrap();
        let file = std::fs::read_dir(at("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{doc}_"))
            })
            .unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let (a, b) = (
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[a..b],
            c["quote"].as_str().unwrap(),
            "claim {}",
            c["id"]
        );
        assert!(
            c["sentence"]
                .as_str()
                .unwrap()
                .contains(c["quote"].as_str().unwrap())
        );
    }
}

#[test]
fn seed_pairs_get_the_gold_verdicts() {
    let gold = load_gold();
    let claims = extract(&at("seeds"));
    let out = crosscheck()
        .args(["compare", "seeds", "--format", "json"])
        .output()
        .unwrap();
    let comparisons: Vec<Json> = serde_json::from_slice(&out.stdout).expect("compare JSON");
    let mut matched = Vec::new();
    for pair in &gold.pairs {
        let (kind, subject, qualifier) = &pair.key;
        let Some(found) = comparisons.iter().find(|c| {
            c["key"]["kind"] == kind.as_str()
                && c["key"]["subject"] == subject.as_str()
                && serde_json::from_value::<BTreeMap<String, String>>(c["key"]["qualifier"].clone())
                    .ok()
                    .as_ref()
                    == Some(qualifier)
        }) else {
            continue;
        };
        let in_doc = |doc: &str| -> Vec<String> {
            claims
                .iter()
                .filter(|c| {
                    c["doc"] == doc && found["claims"].as_array().unwrap().contains(&c["id"])
                })
                .map(|c| c["id"].as_str().unwrap().to_string())
                .collect()
        };
        let (a, b) = (in_doc(&pair.docs.0), in_doc(&pair.docs.1));
        let verdict = found["pairs"].as_array().unwrap().iter().find(|p| {
            let ids = (
                p["a"].as_str().unwrap().to_string(),
                p["b"].as_str().unwrap().to_string(),
            );
            (a.contains(&ids.0) && b.contains(&ids.1)) || (a.contains(&ids.1) && b.contains(&ids.0))
        });
        if let Some(p) = verdict {
            assert_eq!(
                p["verdict"],
                pair.verdict.as_str(),
                "gold pair {:?}",
                pair.key
            );
            matched.push(format!("{kind} {subject}"));
        }
    }
    println!("gold pairs found: {matched:?}");
    assert!(!matched.is_empty(), "no gold pair was compared");
}
