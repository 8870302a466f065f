//! What an evaluation finds: recall and precision tallies, misses and
//! false claims with their causes, trap hits and pair outcomes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compare::Verdict;

/// Why a gold claim was missed, or why a claim matches no gold claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// Kind, subject and value are right; the qualifier is not.
    WrongQualifier,
    /// Kind and value are right; the claim is on another subject.
    WrongSubject,
    /// Kind and subject are right; the interval is not the gold one.
    IntervalWrong,
    /// The value was taken, under another kind.
    OtherKind,
    /// No claim of the document carries the value.
    NoValue,
    /// The gold kind is one the rules do not declare.
    UnknownKind,
    /// A false claim on a trap's words.
    Trap,
    /// A false claim that resembles no gold claim of its document.
    NotInGold,
}

impl Cause {
    /// The name used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::WrongQualifier => "wrong-qualifier",
            Cause::WrongSubject => "wrong-subject",
            Cause::IntervalWrong => "interval-wrong",
            Cause::OtherKind => "other-kind",
            Cause::NoValue => "no-value",
            Cause::UnknownKind => "unknown-kind",
            Cause::Trap => "trap",
            Cause::NotInGold => "not-in-gold",
        }
    }
}

/// Gold claims found, loosely and strictly, out of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Gold claims.
    pub gold: usize,
    /// Found with doc, kind, subject and value.
    pub loose: usize,
    /// Found with the qualifier too.
    pub strict: usize,
}

/// A share in percent, 0 when there is nothing to count.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl Tally {
    pub(super) fn add(&mut self, loose: bool, strict: bool) {
        self.gold += 1;
        self.loose += usize::from(loose);
        self.strict += usize::from(strict);
    }
}

impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Tally", 5)?;
        st.serialize_field("gold", &self.gold)?;
        st.serialize_field("loose", &self.loose)?;
        st.serialize_field("strict", &self.strict)?;
        st.serialize_field("loose_recall", &round1(percent(self.loose, self.gold)))?;
        st.serialize_field("strict_recall", &round1(percent(self.strict, self.gold)))?;
        st.end()
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Recall overall and broken down.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recall {
    /// All gold claims.
    pub overall: Tally,
    /// By claim kind.
    pub by_kind: BTreeMap<String, Tally>,
    /// By the gold's difficulty label.
    pub by_difficulty: BTreeMap<String, Tally>,
    /// By the document's language (`unknown` where the corpus does not say).
    pub by_language: BTreeMap<String, Tally>,
}

/// Claims of gold documents that match a gold claim, and those that do not.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Precision {
    /// Claims in gold documents.
    pub claims: usize,
    /// Of them, matching a gold claim loosely.
    pub loose: usize,
    /// Of them, matching a gold claim with its qualifier.
    pub strict: usize,
}

/// A gold claim not found (loosely, or only without its qualifier).
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Document id.
    pub doc: String,
    /// Gold kind.
    pub kind: String,
    /// Gold subject(s).
    pub subject: String,
    /// Gold qualifier.
    pub qualifier: String,
    /// Gold value, as the reports show values.
    pub value: String,
    /// Gold quote.
    pub quote: String,
    /// Gold difficulty.
    pub difficulty: String,
    /// Why it was missed.
    pub cause: Cause,
    /// The claim that came closest, where one did: `id kind subject value`.
    pub nearest: Option<String>,
}

/// A claim of a gold document that matches no gold claim.
#[derive(Debug, Clone, Serialize)]
pub struct FalseClaim {
    /// Claim id.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Kind.
    pub kind: String,
    /// Subject.
    pub subject: String,
    /// Qualifier.
    pub qualifier: String,
    /// Value.
    pub value: String,
    /// Quote.
    pub quote: String,
    /// The rule that fired.
    pub rule: String,
    /// Why it is false.
    pub cause: Cause,
}

/// How one gold pair came out.
#[derive(Debug, Clone, Serialize)]
pub struct PairOutcome {
    /// `kind subject qualifier`.
    pub key: String,
    /// The two documents.
    pub docs: (String, String),
    /// The gold verdict.
    pub expected: Verdict,
    /// The tool's verdict between claims of the two documents on the key,
    /// the worst where there are several; `None` when it compared none.
    pub got: Option<Verdict>,
}

impl PairOutcome {
    /// Did the tool give the gold verdict?
    pub fn right(&self) -> bool {
        self.got == Some(self.expected)
    }
}

/// A trap that a false claim fell into.
#[derive(Debug, Clone, Serialize)]
pub struct TrapHit {
    /// Document id.
    pub doc: String,
    /// The trap's words.
    pub text: String,
    /// The claims on them.
    pub claims: Vec<String>,
}

/// Everything `crosscheck eval` reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evaluation {
    /// Documents the gold annotates.
    pub documents: usize,
    /// Recall of gold claims.
    pub recall: Recall,
    /// Precision over the claims of gold documents.
    pub precision: Precision,
    /// Traps in the gold.
    pub traps: usize,
    /// Traps a false claim fell into.
    pub trap_hits: Vec<TrapHit>,
    /// Gold pairs and how each came out.
    pub pairs: Vec<PairOutcome>,
    /// Misses, loose and strict, by cause.
    pub misses: Vec<Miss>,
    /// False claims by cause.
    pub false_claims: Vec<FalseClaim>,
    /// Gold quotes and trap words not found in their document.
    pub warnings: Vec<String>,
}

impl Evaluation {
    /// Gold pairs the tool judged as the gold does.
    pub fn pairs_right(&self) -> usize {
        self.pairs.iter().filter(|p| p.right()).count()
    }

    /// Counts by cause, for misses (loose misses and strict-only ones) or false claims.
    pub fn causes<'a>(causes: impl Iterator<Item = &'a Cause>) -> BTreeMap<Cause, usize> {
        let mut counts = BTreeMap::new();
        for c in causes {
            *counts.entry(*c).or_insert(0) += 1;
        }
        counts
    }
}
