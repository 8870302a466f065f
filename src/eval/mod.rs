//! Evaluation: the claims and comparisons a run produced, scored against a
//! gold annotation of the same corpus (docs/eval.md). It sits beside
//! `compare` and feeds the report writers an [`Evaluation`] to render.
//!
//! A gold claim is found **loosely** when a claim of its document has its
//! kind, one of its subjects and a value inside its interval, **strictly**
//! when the qualifier matches too. Every miss and every false claim is
//! given the cause a rule author can act on ([`Cause`]).

pub mod gold;

mod model;
mod score;
#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use gold::{Gold, GoldClaim, GoldPair, Trap};
pub use model::{
    Cause, Evaluation, FalseClaim, Miss, PairOutcome, Precision, Recall, Tally, TrapHit, percent,
};
pub use score::{Run, evaluate, within};

use crate::compare::{Standards, compare};
use crate::corpus::{self, Problem, ReadOptions};
use crate::error::{Error, Result};
use crate::extract::stream::{DateLines, extract_all};
use crate::rules::RuleSet;

/// Reads an annotated corpus whole, checks the gold against its documents,
/// extracts and compares it, and scores the run; also returns the problems
/// met reading the corpus (read with `options`).
pub fn run(
    rules: &RuleSet,
    paths: &[PathBuf],
    options: &ReadOptions,
    stdin: &mut dyn Read,
    gold_path: &Path,
) -> Result<(Evaluation, Vec<Problem>)> {
    let gold = Gold::load(gold_path)?;
    let mut documents = Vec::new();
    let problems = corpus::read_dated(paths, options, &DateLines(rules), stdin, &mut |d| {
        documents.push(d)
    })?;
    let corpus = corpus::Corpus {
        documents,
        problems,
    };
    let ids = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    let errors = gold.check(&gold_path.display().to_string(), &ids);
    if !errors.is_empty() {
        return Err(Error::Gold(errors));
    }
    let claims = extract_all(rules, &corpus.documents);
    let comparisons = compare(&Standards::of(rules), &claims);
    let kinds: Vec<&str> = rules.kinds.keys().map(String::as_str).collect();
    let run = Run {
        documents: &corpus.documents,
        claims: &claims,
        comparisons: &comparisons,
        kinds: &kinds,
    };
    Ok((evaluate(&gold, &run), corpus.problems))
}
