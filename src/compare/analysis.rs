//! What a run found, ready to render: claims, comparisons, problems with
//! documents and the summary counts, and the filter a report applies.

use serde::Serialize;

use super::{Comparison, Grade, Standards, Verdict, compare};
use crate::claim::Claim;
use crate::corpus::{DocumentInfo, Problem, Severity, unreadable};
use crate::review::Applied;

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
    /// Keys a filter let through, when a filter applies: the report says
    /// "N of M keys shown" (extension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<usize>,
    /// Keys by verdict.
    pub contradict: usize,
    /// Keys whose claims overlap without being the same.
    pub compatible: usize,
    /// Keys whose claims agree.
    pub agree: usize,
    /// Keys with one source.
    pub single_source: usize,
    /// Keys by grade: contradicts-reference, contested, corroborated,
    /// single-source, matches-reference.
    pub grades: [usize; 5],
}

/// Which keys a report shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these kinds (all when empty).
    pub kinds: Vec<String>,
    /// Only keys about these entities, as subject or qualifier (all when empty).
    pub entities: Vec<String>,
    /// Only keys with these verdicts or grades (all when empty).
    pub verdicts: Vec<String>,
    /// Only keys with at least this many independent sources.
    pub min_sources: usize,
}

impl Filter {
    /// True when the filter can leave a key out.
    pub fn is_active(&self) -> bool {
        !(self.kinds.is_empty()
            && self.entities.is_empty()
            && self.verdicts.is_empty()
            && self.min_sources == 0)
    }

    /// True when the comparison passes the filter.
    pub fn keeps(&self, c: &Comparison) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&c.key.kind))
            && (self.entities.is_empty()
                || self
                    .entities
                    .iter()
                    .any(|e| &c.key.subject == e || c.key.qualifier.values().any(|v| v == e)))
            && (self.verdicts.is_empty()
                || self
                    .verdicts
                    .iter()
                    .any(|v| v == c.verdict.as_str() || v == c.grade.as_str()))
            && c.independent_sources >= self.min_sources
    }
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
    /// The documents read (outlet, publication date, address), for the
    /// writers that name or link them; empty when the caller gave none.
    pub documents: Vec<DocumentInfo>,
    /// The reviewer's corrections and what each did (docs/review.md).
    pub corrections: Vec<Applied>,
}

/// How many documents have at least one warning (not how many warnings).
fn documents_warned(problems: &[Problem]) -> usize {
    let warned: std::collections::HashSet<&str> = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| p.document.as_str())
        .collect();
    warned.len()
}

impl Analysis {
    /// Compares claims already extracted from `documents` documents.
    pub fn from_claims(
        standards: &Standards<'_>,
        claims: Vec<Claim>,
        documents: usize,
        problems: Vec<Problem>,
    ) -> Analysis {
        let comparisons = compare(standards, &claims);
        let count = |v: Verdict| comparisons.iter().filter(|c| c.verdict == v).count();
        let graded = |g: Grade| comparisons.iter().filter(|c| c.grade == g).count();
        let summary = Summary {
            documents,
            unreadable: unreadable(&problems),
            warnings: documents_warned(&problems),
            claims: claims.len(),
            keys: comparisons.len(),
            shown: None,
            contradict: count(Verdict::Contradict),
            compatible: count(Verdict::Compatible),
            agree: count(Verdict::Agree),
            single_source: count(Verdict::SingleSource),
            grades: [
                graded(Grade::ContradictsReference),
                graded(Grade::Contested),
                graded(Grade::Corroborated),
                graded(Grade::SingleSource),
                graded(Grade::MatchesReference),
            ],
        };
        Analysis {
            claims,
            comparisons,
            problems,
            summary,
            documents: Vec::new(),
            corrections: Vec::new(),
        }
    }

    /// The same analysis, with what the reviewer's corrections did.
    pub fn with_corrections(mut self, corrections: Vec<Applied>) -> Analysis {
        self.corrections = corrections;
        self
    }

    /// The same analysis, knowing its documents' dates and addresses.
    pub fn with_documents(mut self, documents: Vec<DocumentInfo>) -> Analysis {
        self.documents = documents;
        self
    }

    /// Keeps only the comparisons the filter passes (claims stay whole, so
    /// ids still resolve); the summary keeps counting the whole corpus.
    pub fn filter(&mut self, filter: &Filter) {
        self.comparisons.retain(|c| filter.keeps(c));
        if filter.is_active() {
            self.summary.shown = Some(self.comparisons.len());
        }
    }

    /// True when any key is contradicted, by sources or by the reference.
    pub fn has_contradiction(&self) -> bool {
        self.comparisons.iter().any(Comparison::is_conflict)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
}
