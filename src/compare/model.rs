//! The comparison model: verdicts, grades, and what a key's comparison
//! carries (pairs, versions, source families, spread, reference check).

use std::borrow::Cow;

use serde::Serialize;

use crate::claim::{Claim, Key, Value};
use crate::corpus::UNKNOWN;

/// At most this many pairs are listed per key; the rest are counted.
pub const MAX_LISTED_PAIRS: usize = 200;

/// The verdict on a pair of claims, or on a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The intervals do not overlap.
    Contradict,
    /// The intervals overlap but are not the same.
    Compatible,
    /// The same value within tolerance.
    Agree,
    /// Only one source reports the key.
    SingleSource,
}

impl Verdict {
    /// The name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Contradict => "contradict",
            Verdict::Compatible => "compatible",
            Verdict::Agree => "agree",
            Verdict::SingleSource => "single-source",
        }
    }
}

/// Two claims and what they say of each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// First claim id.
    pub a: String,
    /// Second claim id.
    pub b: String,
    /// Their verdict.
    pub verdict: Verdict,
}

/// How a key stands, in the manner of casualty recorders (Airwars grades).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    /// A claim contradicts an authoritative reference fact.
    ContradictsReference,
    /// Independent source families contradict each other.
    Contested,
    /// Two or more independent source families agree (or are compatible).
    Corroborated,
    /// One source family only.
    SingleSource,
    /// Every claim agrees with (or fits) the reference fact.
    MatchesReference,
}

impl Grade {
    /// The name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::ContradictsReference => "contradicts-reference",
            Grade::Contested => "contested",
            Grade::Corroborated => "corroborated",
            Grade::SingleSource => "single-source",
            Grade::MatchesReference => "matches-reference",
        }
    }
}

/// What one version of a key's value is, on its own (extension): the key
/// keeps its grade, and each version says whether it matches or
/// contradicts the reference, contradicts another source family, agrees
/// with one, or stands alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Judgement {
    /// The value contradicts the key's reference fact.
    ContradictsReference,
    /// Another source family gives a value this one contradicts.
    ContradictsOtherFamily,
    /// Only documents of its own family give a value it contradicts (an
    /// outlet contradicting itself, or one wire copy told two ways).
    ContradictsSameFamily,
    /// Another source family gives the same or an overlapping value, or
    /// the value is itself carried by two families.
    Agrees,
    /// No other source family gives a value it can be judged against.
    #[default]
    SingleSource,
    /// The value agrees with (or fits) the key's reference fact.
    MatchesReference,
}

impl Judgement {
    /// The name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::ContradictsReference => "contradicts-reference",
            Judgement::ContradictsOtherFamily => "contradicts-other-family",
            Judgement::ContradictsSameFamily => "contradicts-same-family",
            Judgement::Agrees => "agrees",
            Judgement::SingleSource => "single-source",
            Judgement::MatchesReference => "matches-reference",
        }
    }

    /// True for a version that contradicts the reference or another family.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            Judgement::ContradictsReference | Judgement::ContradictsOtherFamily
        )
    }
}

/// One version of a key's value and who carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// The value.
    pub value: Value,
    /// Claims carrying it.
    pub claims: Vec<String>,
    /// Their outlets.
    pub outlets: Vec<String>,
    /// Their speakers, where named.
    pub speakers: Vec<String>,
    /// The verdict of this value against the reference fact, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<Verdict>,
    /// What this version is: against the reference, other families, or alone (extension).
    pub judgement: Judgement,
}

/// A group of claims that count as one source, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Claim ids.
    pub claims: Vec<String>,
    /// Outlets.
    pub outlets: Vec<String>,
    /// Why its members were merged (empty for one outlet alone).
    pub reasons: Vec<String>,
}

/// The reference fact a key was checked against.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceCheck {
    /// The fact's value.
    pub value: Value,
    /// Its source.
    pub source: String,
    /// Where to read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The spread of values across sources, as Iraq Body Count keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// Lowest value (or earliest day).
    pub min: serde_json::Value,
    /// Highest value (or latest day).
    pub max: serde_json::Value,
}

/// One key and every claim on it.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Kind, subject, qualifier.
    pub key: Key,
    /// Worst pair verdict, or single-source.
    pub verdict: Verdict,
    /// How many independent source families report the key.
    pub independent_sources: usize,
    /// Claim ids, in corpus order.
    pub claims: Vec<String>,
    /// Judged pairs, contradictions first.
    pub pairs: Vec<Pair>,
    /// Pairs judged but not listed (extension).
    #[serde(skip_serializing_if = "is_zero")]
    pub pairs_not_listed: usize,
    /// Claims whose date the publication date could not pin down (extension).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<String>,
    /// Grade (extension).
    pub grade: Grade,
    /// Each distinct value and who carries it (extension).
    pub versions: Vec<Version>,
    /// Source families and why they were merged (extension).
    pub families: Vec<Family>,
    /// Range across sources (extension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Spread>,
    /// The most conservative count: the lowest lower bound, as ACLED codes
    /// fatalities (extension; numbers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conservative: Option<f64>,
    /// The reference fact on this key, if any (extension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferenceCheck>,
    /// Pairs of claims in one document that contradict each other (extension).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub internal_contradictions: Vec<Pair>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The source a claim counts for: its outlet, or its document when the
/// outlet is unknown.
pub fn source_of(claim: &Claim) -> Cow<'_, str> {
    if claim.outlet == UNKNOWN {
        Cow::Owned(format!("{UNKNOWN}:{}", claim.doc))
    } else {
        Cow::Borrowed(&claim.outlet)
    }
}

impl Comparison {
    /// True when sources contradict each other or the reference.
    pub fn is_conflict(&self) -> bool {
        self.verdict == Verdict::Contradict
            || matches!(self.grade, Grade::ContradictsReference | Grade::Contested)
    }
}
