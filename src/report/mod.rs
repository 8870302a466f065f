//! The report stage: one [`Analysis`] (documents read, claims, comparisons)
//! and one renderer per format, each writing to a writer it is handed.

mod dot;
mod json;
mod table;

use serde::Serialize;

pub use dot::write_dot;
pub use json::{write_claims_json, write_claims_jsonl, write_comparisons_json, write_report_json};
pub use table::{write_claims_table, write_comparisons_table, write_report_table, write_summary};

use crate::claim::Claim;
use crate::compare::{Comparison, Verdict, compare};
use crate::corpus::{Corpus, Problem, Severity};
use crate::extract::extract;
use crate::rules::RuleSet;

/// Counts for the summary line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Documents that could not be read.
    pub unreadable: usize,
    /// Documents read with a warning.
    pub warnings: usize,
    /// Claims extracted.
    pub claims: usize,
    /// Comparison keys.
    pub keys: usize,
    /// Keys by verdict.
    pub contradict: usize,
    /// Keys whose claims overlap without being the same.
    pub compatible: usize,
    /// Keys whose claims agree.
    pub agree: usize,
    /// Keys with one source.
    pub single_source: usize,
}

/// Everything a run found: the input to every renderer.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Claims, in corpus order.
    pub claims: Vec<Claim>,
    /// Comparisons, contradictions first.
    pub comparisons: Vec<Comparison>,
    /// Problems with documents.
    pub problems: Vec<Problem>,
    /// Counts.
    pub summary: Summary,
}

impl Analysis {
    /// Extracts and compares the claims of a corpus.
    pub fn run(rules: &RuleSet, corpus: &Corpus) -> Analysis {
        let claims: Vec<Claim> = corpus
            .documents
            .iter()
            .flat_map(|d| extract(rules, d))
            .collect();
        let comparisons = compare(rules, &claims);
        let count = |v: Verdict| comparisons.iter().filter(|c| c.verdict == v).count();
        let summary = Summary {
            documents: corpus.documents.len(),
            unreadable: corpus.unreadable(),
            warnings: corpus
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Warning)
                .count(),
            claims: claims.len(),
            keys: comparisons.len(),
            contradict: count(Verdict::Contradict),
            compatible: count(Verdict::Compatible),
            agree: count(Verdict::Agree),
            single_source: count(Verdict::SingleSource),
        };
        Analysis {
            claims,
            comparisons,
            problems: corpus.problems.clone(),
            summary,
        }
    }

    /// True when any key is contradicted.
    pub fn has_contradiction(&self) -> bool {
        self.comparisons
            .iter()
            .any(|c| c.verdict == Verdict::Contradict)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
}
