//! What changed between two runs: claims added, removed and moved to
//! another key, and keys whose verdict or grade changed, new
//! contradictions first. A run is read from `report --format json`
//! ([`Run::from_report_json`]) or taken from an analysis of saved claims
//! ([`Run::from_analysis`]); claims are matched by their content id, so a
//! claim no rule change touched is the same claim in both runs.

mod render;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use render::{write_diff_json, write_diff_markdown, write_diff_table};

use crate::claim::{Key, Qualifier, Value};
use crate::compare::{Analysis, Comparison};
use crate::error::{Error, Result};

/// A claim as a diff lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimBrief {
    /// Content id.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Outlet.
    pub outlet: String,
    /// Kind.
    pub kind: String,
    /// Subject.
    pub subject: String,
    /// Qualifier.
    #[serde(default)]
    pub qualifier: Qualifier,
    /// Value.
    pub value: Value,
    /// The claim's words.
    #[serde(default)]
    pub quote: String,
}

impl ClaimBrief {
    /// Its key.
    pub fn key(&self) -> Key {
        Key {
            kind: self.kind.clone(),
            subject: self.subject.clone(),
            qualifier: self.qualifier.clone(),
        }
    }
}

/// How a key stands in one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Its verdict.
    pub verdict: String,
    /// Its grade.
    pub grade: String,
}

impl Standing {
    /// Sources contradict each other or the reference.
    pub fn is_conflict(&self) -> bool {
        self.verdict == "contradict"
            || self.grade == "contradicts-reference"
            || self.grade == "contested"
    }
}

/// One run: its claims and how each key stands.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// Claims by id.
    pub claims: BTreeMap<String, ClaimBrief>,
    /// Keys and their standing.
    pub keys: BTreeMap<Key, Standing>,
}

#[derive(Deserialize)]
struct ReportKey {
    key: Key,
    verdict: String,
    grade: String,
}

#[derive(Deserialize)]
struct ReportJson {
    comparisons: Vec<ReportKey>,
    claims: Vec<ClaimBrief>,
}

impl Run {
    /// A run from `report --format json`; `name` names the file in errors.
    pub fn from_report_json(name: &str, text: &str) -> Result<Run> {
        let report: ReportJson = serde_json::from_str(text)
            .map_err(|e| Error::Input(format!("{name}: not a `report --format json` file: {e}")))?;
        Ok(Run {
            claims: report
                .claims
                .into_iter()
                .map(|c| (c.id.clone(), c))
                .collect(),
            keys: report
                .comparisons
                .into_iter()
                .map(|c| {
                    (
                        c.key,
                        Standing {
                            verdict: c.verdict,
                            grade: c.grade,
                        },
                    )
                })
                .collect(),
        })
    }

    /// A run from an analysis (saved claims judged again).
    pub fn from_analysis(analysis: &Analysis) -> Run {
        let brief = |c: &crate::claim::Claim| ClaimBrief {
            id: c.id.clone(),
            doc: c.doc.clone(),
            outlet: c.outlet.clone(),
            kind: c.kind.clone(),
            subject: c.subject.clone(),
            qualifier: c.qualifier.clone(),
            value: c.value.clone(),
            quote: c.quote.clone(),
        };
        let standing = |c: &Comparison| Standing {
            verdict: c.verdict.as_str().to_string(),
            grade: c.grade.as_str().to_string(),
        };
        Run {
            claims: analysis
                .claims
                .iter()
                .map(|c| (c.id.clone(), brief(c)))
                .collect(),
            keys: analysis
                .comparisons
                .iter()
                .map(|c| (c.key.clone(), standing(c)))
                .collect(),
        }
    }
}

/// A key whose standing changed (or that came or went).
#[derive(Debug, Clone, Serialize)]
pub struct KeyChange {
    /// The key.
    pub key: Key,
    /// Its standing before, if it was there.
    pub old: Option<Standing>,
    /// Its standing after, if it is there.
    pub new: Option<Standing>,
    /// A contradiction now that was none before.
    pub new_contradiction: bool,
}

/// A claim found in both runs on different keys (a correction moved it).
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    /// The claim as it is now.
    pub claim: ClaimBrief,
    /// The key it was on.
    pub from: Key,
}

/// Counts of what changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DiffSummary {
    /// Claims added.
    pub added: usize,
    /// Claims removed.
    pub removed: usize,
    /// Claims moved to another key.
    pub moved: usize,
    /// Keys whose standing changed.
    pub keys_changed: usize,
    /// Of them, contradictions new in the later run.
    pub new_contradictions: usize,
}

/// What changed between two runs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    /// Counts.
    pub summary: DiffSummary,
    /// Keys whose verdict or grade changed, new contradictions first.
    pub keys: Vec<KeyChange>,
    /// Claims only the later run has.
    pub added: Vec<ClaimBrief>,
    /// Claims only the earlier run has.
    pub removed: Vec<ClaimBrief>,
    /// Claims on another key than before.
    pub moved: Vec<Moved>,
}

impl Diff {
    /// Compares two runs.
    pub fn between(old: &Run, new: &Run) -> Diff {
        let only = |a: &Run, b: &Run| -> Vec<ClaimBrief> {
            a.claims
                .values()
                .filter(|c| !b.claims.contains_key(&c.id))
                .cloned()
                .collect()
        };
        let moved: Vec<Moved> = new
            .claims
            .values()
            .filter_map(|c| {
                let before = old.claims.get(&c.id)?;
                (before.key() != c.key()).then(|| Moved {
                    claim: c.clone(),
                    from: before.key(),
                })
            })
            .collect();
        let mut keys: Vec<KeyChange> = old
            .keys
            .keys()
            .chain(new.keys.keys().filter(|k| !old.keys.contains_key(*k)))
            .filter_map(|key| {
                let (was, is) = (old.keys.get(key), new.keys.get(key));
                (was != is).then(|| KeyChange {
                    key: key.clone(),
                    old: was.cloned(),
                    new: is.cloned(),
                    new_contradiction: is.is_some_and(Standing::is_conflict)
                        && !was.is_some_and(Standing::is_conflict),
                })
            })
            .collect();
        keys.sort_by(|a, b| {
            b.new_contradiction
                .cmp(&a.new_contradiction)
                .then_with(|| a.key.cmp(&b.key))
        });
        let (added, removed) = (only(new, old), only(old, new));
        Diff {
            summary: DiffSummary {
                added: added.len(),
                removed: removed.len(),
                moved: moved.len(),
                keys_changed: keys.len(),
                new_contradictions: keys.iter().filter(|k| k.new_contradiction).count(),
            },
            keys,
            added,
            removed,
            moved,
        }
    }

    /// True when the later run has a contradiction the earlier had not.
    pub fn has_new_contradiction(&self) -> bool {
        self.summary.new_contradictions > 0
    }
}

#[cfg(test)]
mod tests;
