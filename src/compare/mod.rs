//! The comparison stage: claims grouped by key (kind, subject, qualifier),
//! every pair from different documents judged agree / compatible /
//! contradict by interval overlap and the rule's tolerance, and each key
//! given the worst verdict of its pairs, or `single-source`.

mod families;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;

use crate::claim::{Claim, Key, Qualifier, Value};
use crate::corpus::UNKNOWN;
use crate::rules::RuleSet;
use crate::rules::compile::ReferenceFact;
use crate::text::FastMap;
use families::families;

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

fn close(x: f64, y: f64, tolerance: f64) -> bool {
    (x - y).abs() <= tolerance * x.abs().max(y.abs()) + 1e-9
}

/// Judges two values of one kind; `None` when either cannot be compared
/// (an unresolved date, or a number against a date).
pub fn judge(a: &Value, b: &Value, tolerance: f64) -> Option<Verdict> {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => {
            let same_side = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => close(x, y, tolerance),
                (None, None) => true,
                _ => false,
            };
            if same_side(a.min, b.min) && same_side(a.max, b.max) {
                return Some(Verdict::Agree);
            }
            let overlap = bounds(a, tolerance).0 <= bounds(b, tolerance).1
                && bounds(b, tolerance).0 <= bounds(a, tolerance).1;
            Some(if overlap {
                Verdict::Compatible
            } else {
                Verdict::Contradict
            })
        }
        (Value::Date(a), Value::Date(b)) => {
            let (af, at, bf, bt) = (a.from?, a.to?, b.from?, b.to?);
            let days = tolerance.max(0.0) as i64;
            let within =
                |x: chrono::NaiveDate, y: chrono::NaiveDate| (x - y).num_days().abs() <= days;
            if within(af, bf) && within(at, bt) {
                return Some(Verdict::Agree);
            }
            let overlap = (af - bt).num_days() <= days && (bf - at).num_days() <= days;
            Some(if overlap {
                Verdict::Compatible
            } else {
                Verdict::Contradict
            })
        }
        _ => None,
    }
}

/// A number interval widened by the tolerance, open sides infinite.
fn bounds(n: &crate::claim::NumberValue, tolerance: f64) -> (f64, f64) {
    let half = tolerance / 2.0;
    (
        n.min.map_or(f64::NEG_INFINITY, |v| v - half * v.abs()),
        n.max.map_or(f64::INFINITY, |v| v + half * v.abs()),
    )
}

/// A value as a comparable interval: numbers as they are, dates as day numbers.
fn interval(value: &Value, tolerance: f64) -> Option<(f64, f64)> {
    match value {
        Value::Number(n) => Some(bounds(n, tolerance)),
        Value::Date(d) => {
            let day = |x: chrono::NaiveDate| f64::from(x.num_days_from_ce());
            Some((day(d.from?) - tolerance / 2.0, day(d.to?) + tolerance / 2.0))
        }
    }
}

/// Groups claims by key and judges them; the worst first.
pub fn compare(rules: &RuleSet, claims: &[Claim]) -> Vec<Comparison> {
    let mut groups: FastMap<(&str, &str, &Qualifier), Vec<&Claim>> = FastMap::default();
    for claim in claims {
        groups
            .entry((&claim.kind, &claim.subject, &claim.qualifier))
            .or_default()
            .push(claim);
    }
    let tolerances: FastMap<&str, f64> = rules
        .rules
        .iter()
        .map(|r| (r.name.as_str(), r.tolerance))
        .collect();
    let tolerance = |c: &Claim| {
        tolerances
            .get(c.rule.as_str())
            .copied()
            .or_else(|| rules.kinds.get(&c.kind).map(|k| k.tolerance))
            .unwrap_or(0.0)
    };
    let groups: Vec<_> = groups.into_iter().collect();
    let mut out: Vec<Comparison> = groups
        .into_par_iter()
        .map(|((kind, subject, qualifier), group)| {
            let key = Key {
                kind: kind.to_string(),
                subject: subject.to_string(),
                qualifier: qualifier.clone(),
            };
            let tol = group.iter().map(|c| tolerance(c)).fold(0.0, f64::max);
            judge_group(rules, key, &group, tol)
        })
        .collect();
    out.sort_by(|a, b| {
        (!a.is_conflict(), a.verdict, a.grade)
            .cmp(&(!b.is_conflict(), b.verdict, b.grade))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

impl Comparison {
    /// True when sources contradict each other or the reference.
    pub fn is_conflict(&self) -> bool {
        self.verdict == Verdict::Contradict
            || matches!(self.grade, Grade::ContradictsReference | Grade::Contested)
    }
}

/// Groups above this size get their verdict from sorted intervals and
/// have their pairs listed only up to [`MAX_LISTED_PAIRS`].
pub const PAIRWISE_LIMIT: usize = 16;

fn versions(group: &[&Claim], reference: Option<&ReferenceFact>, tol: f64) -> Vec<Version> {
    let mut out: Vec<Version> = Vec::new();
    for c in group {
        let version = match out.iter_mut().find(|v| v.value == c.value) {
            Some(v) => v,
            None => {
                out.push(Version {
                    value: c.value.clone(),
                    claims: Vec::new(),
                    outlets: Vec::new(),
                    speakers: Vec::new(),
                    reference: reference.and_then(|r| judge(&r.value, &c.value, tol)),
                });
                out.last_mut().expect("just pushed")
            }
        };
        version.claims.push(c.id.clone());
        if !version.outlets.contains(&c.outlet) {
            version.outlets.push(c.outlet.clone());
        }
        if let Some(s) = &c.speaker
            && !version.speakers.contains(s)
        {
            version.speakers.push(s.clone());
        }
    }
    out
}

fn spread(group: &[&Claim]) -> Option<(Spread, Option<f64>)> {
    let mut numbers = group.iter().filter_map(|c| match &c.value {
        Value::Number(n) => Some(n),
        Value::Date(_) => None,
    });
    if let Some(first) = numbers.next() {
        let all: Vec<_> = std::iter::once(first).chain(numbers).collect();
        let lows: Vec<f64> = all.iter().filter_map(|n| n.min.or(n.max)).collect();
        let highs: Vec<f64> = all.iter().filter_map(|n| n.max.or(n.min)).collect();
        let min = lows.iter().copied().reduce(f64::min)?;
        let max = highs.iter().copied().reduce(f64::max)?;
        return Some((
            Spread {
                min: serde_json::json!(min),
                max: serde_json::json!(max),
            },
            Some(min),
        ));
    }
    let dates: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = group
        .iter()
        .filter_map(|c| match &c.value {
            Value::Date(d) => Some((d.from?, d.to?)),
            Value::Number(_) => None,
        })
        .collect();
    let from = dates.iter().map(|d| d.0).min()?;
    let to = dates.iter().map(|d| d.1).max()?;
    Some((
        Spread {
            min: serde_json::json!(from.to_string()),
            max: serde_json::json!(to.to_string()),
        },
        None,
    ))
}

/// The worst verdict among a large group's claims of different documents,
/// from their sorted intervals: some pair is disjoint exactly when the
/// highest lower bound lies above the lowest upper bound.
fn sweep_verdict(group: &[&Claim], tol: f64) -> Option<Verdict> {
    let spans: Vec<(f64, f64)> = group
        .iter()
        .filter_map(|c| interval(&c.value, tol))
        .collect();
    if spans.len() < 2 {
        return None;
    }
    let max_low = spans.iter().map(|s| s.0).fold(f64::NEG_INFINITY, f64::max);
    let min_high = spans.iter().map(|s| s.1).fold(f64::INFINITY, f64::min);
    if max_low > min_high {
        return Some(Verdict::Contradict);
    }
    let first = &group[0].value;
    let all_agree = group
        .iter()
        .all(|c| judge(first, &c.value, tol) == Some(Verdict::Agree));
    Some(if all_agree {
        Verdict::Agree
    } else {
        Verdict::Compatible
    })
}

/// True when two claims of different families have disjoint intervals:
/// some family's highest lower bound lies above another's lowest upper
/// bound. Linear: only the two most extreme families on each side matter.
fn families_disjoint(group: &[&Claim], roots: &[usize], tol: f64) -> bool {
    let mut extremes: FastMap<usize, (f64, f64)> = FastMap::default();
    for (c, &root) in group.iter().zip(roots) {
        if let Some((lo, hi)) = interval(&c.value, tol) {
            let e = extremes
                .entry(root)
                .or_insert((f64::NEG_INFINITY, f64::INFINITY));
            e.0 = e.0.max(lo);
            e.1 = e.1.min(hi);
        }
    }
    let mut by_low: Vec<(f64, usize)> = extremes.iter().map(|(&r, e)| (e.0, r)).collect();
    let mut by_high: Vec<(f64, usize)> = extremes.iter().map(|(&r, e)| (e.1, r)).collect();
    by_low.sort_by(|a, b| b.0.total_cmp(&a.0));
    by_high.sort_by(|a, b| a.0.total_cmp(&b.0));
    by_low.iter().take(2).any(|&(low, f)| {
        by_high
            .iter()
            .take(2)
            .any(|&(high, g)| f != g && low > high)
    })
}

fn judge_group(rules: &RuleSet, key: Key, group: &[&Claim], tol: f64) -> Comparison {
    let unresolved: Vec<String> = group
        .iter()
        .filter(|c| matches!(&c.value, Value::Date(d) if d.from.is_none()))
        .map(|c| c.id.clone())
        .collect();
    let mut fam = families(group, &|speaker| rules.attribution.is_anonymous(speaker));
    // Small keys: every pair. Large keys: the verdict from sorted intervals,
    // and pairs judged only as far as they are listed.
    let pairwise = group.len() <= PAIRWISE_LIMIT;
    let mut judged_pairs: Vec<(Verdict, usize, usize)> = Vec::new();
    let mut internal = Vec::new();
    let mut family_contradiction = false;
    'outer: for (i, a) in group.iter().enumerate() {
        for (j, b) in group.iter().enumerate().skip(i + 1) {
            if !pairwise && judged_pairs.len() >= MAX_LISTED_PAIRS {
                break 'outer;
            }
            // A quantity that changes over time, given for different years: no verdict.
            if let (Some(x), Some(y)) = (a.as_of, b.as_of)
                && x != y
            {
                continue;
            }
            let Some(verdict) = judge(&a.value, &b.value, tol) else {
                continue;
            };
            if a.doc == b.doc {
                if verdict == Verdict::Contradict {
                    internal.push(Pair {
                        a: a.id.clone(),
                        b: b.id.clone(),
                        verdict,
                    });
                }
                continue;
            }
            if verdict == Verdict::Contradict && fam.root(i) != fam.root(j) {
                family_contradiction = true;
            }
            judged_pairs.push((verdict, i, j));
        }
    }
    let judged = judged_pairs.len();
    let roots: Vec<usize> = (0..group.len()).map(|i| fam.root(i)).collect();
    let independent = roots.iter().collect::<BTreeSet<_>>().len();
    judged_pairs.sort_by_key(|p| p.0);
    let worst = if pairwise {
        judged_pairs.first().map(|p| p.0)
    } else {
        if families_disjoint(group, &roots, tol) {
            family_contradiction = true;
        }
        sweep_verdict(group, tol)
    };
    let mut pairs: Vec<Pair> = judged_pairs
        .iter()
        .take(MAX_LISTED_PAIRS)
        .map(|&(verdict, i, j)| Pair {
            a: group[i].id.clone(),
            b: group[j].id.clone(),
            verdict,
        })
        .collect();
    let verdict = match worst {
        Some(Verdict::Contradict) => Verdict::Contradict,
        _ if !internal.is_empty() => Verdict::Contradict,
        _ if fam.sources <= 1 => Verdict::SingleSource,
        Some(v) => v,
        None => Verdict::SingleSource,
    };
    let fact = rules
        .references
        .iter()
        .find(|f| f.kind == key.kind && f.subject == key.subject && f.qualifier == key.qualifier);
    let versions = versions(group, fact, tol);
    let grade = match fact {
        Some(_)
            if versions
                .iter()
                .any(|v| v.reference == Some(Verdict::Contradict)) =>
        {
            Grade::ContradictsReference
        }
        Some(_) if versions.iter().any(|v| v.reference.is_some()) => Grade::MatchesReference,
        _ if family_contradiction => Grade::Contested,
        _ if independent >= 2 => Grade::Corroborated,
        _ => Grade::SingleSource,
    };
    let (range, conservative) = match spread(group) {
        Some((s, c)) => (Some(s), c),
        None => (None, None),
    };
    let mut roots: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..group.len() {
        roots.entry(fam.root(i)).or_default().push(i);
    }
    let families = roots
        .into_iter()
        .map(|(root, members)| {
            let mut outlets: Vec<String> =
                members.iter().map(|&i| group[i].outlet.clone()).collect();
            outlets.dedup();
            Family {
                claims: members.iter().map(|&i| group[i].id.clone()).collect(),
                outlets,
                reasons: fam.reasons[root].clone(),
            }
        })
        .collect();
    let pairs_not_listed = if pairwise {
        judged.saturating_sub(MAX_LISTED_PAIRS)
    } else {
        (group.len() * (group.len() - 1) / 2).saturating_sub(pairs.len())
    };
    pairs.truncate(MAX_LISTED_PAIRS);
    Comparison {
        key,
        verdict,
        independent_sources: independent,
        claims: group.iter().map(|c| c.id.clone()).collect(),
        pairs,
        pairs_not_listed,
        unresolved,
        grade,
        versions,
        families,
        range,
        conservative,
        reference: fact.map(|f| ReferenceCheck {
            value: f.value.clone(),
            source: f.source.clone(),
            url: f.url.clone(),
        }),
        internal_contradictions: internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::testing::{dates as d, number as n};
    use crate::claim::{DateValue, Precision};

    #[test]
    fn numbers_by_interval_and_tolerance() {
        let cases = [
            (
                n(Some(1500.0), Some(1500.0)),
                n(Some(1500.0), Some(1500.0)),
                0.0,
                Verdict::Agree,
            ),
            (
                n(Some(1500.0), Some(1500.0)),
                n(Some(1520.0), Some(1520.0)),
                0.05,
                Verdict::Agree,
            ),
            (
                n(Some(1500.0), Some(1500.0)),
                n(Some(1700.0), Some(1700.0)),
                0.05,
                Verdict::Contradict,
            ),
            (
                n(Some(1350.0), Some(1650.0)),
                n(Some(1500.0), Some(1500.0)),
                0.0,
                Verdict::Compatible,
            ),
            (
                n(Some(1350.0), Some(1650.0)),
                n(Some(1000.0), None),
                0.0,
                Verdict::Compatible,
            ),
            (
                n(Some(35.0), None),
                n(None, Some(5.0)),
                0.0,
                Verdict::Contradict,
            ),
            (
                n(Some(35.0), None),
                n(Some(35.0), None),
                0.0,
                Verdict::Agree,
            ),
        ];
        for (a, b, tol, expected) in cases {
            assert_eq!(judge(&a, &b, tol), Some(expected), "{a:?} vs {b:?}");
            assert_eq!(
                judge(&b, &a, tol),
                Some(expected),
                "symmetric: {b:?} vs {a:?}"
            );
        }
    }

    #[test]
    fn dates_by_day_interval() {
        let oct = d((2017, 10, 1), (2017, 10, 31), Precision::Month);
        let aug31 = d((2017, 8, 31), (2017, 8, 31), Precision::Day);
        let oct5 = d((2017, 10, 5), (2017, 10, 5), Precision::Day);
        let year = d((2017, 1, 1), (2017, 12, 31), Precision::Year);
        assert_eq!(judge(&oct, &aug31, 0.0), Some(Verdict::Contradict));
        assert_eq!(judge(&oct, &oct5, 0.0), Some(Verdict::Compatible));
        assert_eq!(judge(&year, &oct, 0.0), Some(Verdict::Compatible));
        assert_eq!(judge(&oct5, &oct5, 0.0), Some(Verdict::Agree));
        assert_eq!(
            judge(&aug31, &d((2017, 9, 1), (2017, 9, 1), Precision::Day), 1.0),
            Some(Verdict::Agree)
        );
        let unresolved = Value::Date(DateValue {
            from: None,
            to: None,
            precision: Precision::Unresolved,
            expression: Some("أمس".into()),
        });
        assert_eq!(judge(&unresolved, &oct, 0.0), None);
    }

    #[test]
    fn changing_quantities_of_different_years_are_not_judged() {
        let rules = crate::rules::load(None).unwrap();
        let claim = |id: &str, outlet: &str, value: f64, as_of: i32| Claim {
            id: id.into(),
            doc: id.into(),
            outlet: outlet.into(),
            kind: "controlled_share_pct".into(),
            subject: "iraq".into(),
            qualifier: [("actor".to_string(), "isis".to_string())].into(),
            value: n(Some(value), Some(value)),
            span: [0, 1],
            quote: String::new(),
            sentence: format!("{id} {outlet}"),
            rule: String::new(),
            speaker: None,
            subject_match: None,
            subject_via: Default::default(),
            wires: Vec::new(),
            as_of: Some(as_of),
        };
        let then = claim("a", "X", 33.3, 2014);
        let now = claim("b", "Y", 5.0, 2017);
        let also_now = claim("c", "Z", 40.0, 2017);
        let judged = compare(&rules, &[then.clone(), now.clone()]);
        assert!(judged[0].pairs.is_empty());
        assert_ne!(judged[0].verdict, Verdict::Contradict);
        let judged = compare(&rules, &[then, now, also_now]);
        assert_eq!(
            judged[0].verdict,
            Verdict::Contradict,
            "5 and 40 in one year do contradict"
        );
        assert_eq!(judged[0].pairs.len(), 1);
    }
}
