//! The comparison stage: claims grouped by key (kind, subject, qualifier),
//! every pair from different documents judged agree / compatible /
//! contradict by interval overlap and the rule's tolerance, and each key
//! given the worst verdict of its pairs, or `single-source`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::claim::{Claim, Key, Value};
use crate::corpus::UNKNOWN;
use crate::rules::RuleSet;

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

/// One key and every claim on it.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Kind, subject, qualifier.
    pub key: Key,
    /// Worst pair verdict, or single-source.
    pub verdict: Verdict,
    /// How many independent sources report the key.
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
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The source a claim counts for: its outlet, or its document when the
/// outlet is unknown.
pub fn source_of(claim: &Claim) -> String {
    if claim.outlet == UNKNOWN {
        format!("{UNKNOWN}:{}", claim.doc)
    } else {
        claim.outlet.clone()
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
            let lo = |v: Option<f64>| v.map_or(f64::NEG_INFINITY, |v| v - tolerance * v.abs());
            let hi = |v: Option<f64>| v.map_or(f64::INFINITY, |v| v + tolerance * v.abs());
            let overlap = lo(a.min) <= hi(b.max) && lo(b.min) <= hi(a.max);
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

/// The tolerance for a kind (the first rule's override wins over the kind's).
fn tolerance(rules: &RuleSet, claim: &Claim) -> f64 {
    rules
        .rules
        .iter()
        .find(|r| r.name == claim.rule)
        .map(|r| r.tolerance)
        .or_else(|| rules.kinds.get(&claim.kind).map(|k| k.tolerance))
        .unwrap_or(0.0)
}

/// Groups claims by key and judges them; contradictions first.
pub fn compare(rules: &RuleSet, claims: &[Claim]) -> Vec<Comparison> {
    let mut groups: BTreeMap<Key, Vec<&Claim>> = BTreeMap::new();
    for claim in claims {
        groups.entry(claim.key()).or_default().push(claim);
    }
    let mut out: Vec<Comparison> = groups
        .into_iter()
        .map(|(key, group)| judge_group(rules, key, &group))
        .collect();
    out.sort_by(|a, b| a.verdict.cmp(&b.verdict).then_with(|| a.key.cmp(&b.key)));
    out
}

fn judge_group(rules: &RuleSet, key: Key, group: &[&Claim]) -> Comparison {
    let sources: BTreeSet<String> = group.iter().map(|c| source_of(c)).collect();
    let unresolved: Vec<String> = group
        .iter()
        .filter(|c| matches!(&c.value, Value::Date(d) if d.from.is_none()))
        .map(|c| c.id.clone())
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in group.iter().enumerate() {
        for b in &group[i + 1..] {
            if a.doc == b.doc {
                continue;
            }
            let tol = tolerance(rules, a).max(tolerance(rules, b));
            if let Some(verdict) = judge(&a.value, &b.value, tol) {
                pairs.push(Pair {
                    a: a.id.clone(),
                    b: b.id.clone(),
                    verdict,
                });
            }
        }
    }
    pairs.sort_by_key(|p| p.verdict);
    let worst = pairs.first().map(|p| p.verdict);
    let verdict = match worst {
        Some(Verdict::Contradict) => Verdict::Contradict,
        _ if sources.len() <= 1 => Verdict::SingleSource,
        Some(v) => v,
        None => Verdict::SingleSource,
    };
    let pairs_not_listed = pairs.len().saturating_sub(MAX_LISTED_PAIRS);
    pairs.truncate(MAX_LISTED_PAIRS);
    Comparison {
        key,
        verdict,
        independent_sources: sources.len(),
        claims: group.iter().map(|c| c.id.clone()).collect(),
        pairs,
        pairs_not_listed,
        unresolved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{DateValue, NumberValue, Precision};
    use chrono::NaiveDate;

    fn n(min: Option<f64>, max: Option<f64>) -> Value {
        Value::Number(NumberValue {
            min,
            max,
            approx: false,
        })
    }

    fn d(from: (i32, u32, u32), to: (i32, u32, u32), p: Precision) -> Value {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Value::Date(DateValue::span(day(from), day(to), p))
    }

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
}
