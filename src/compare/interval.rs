//! Interval maths: two values judged by overlap within a tolerance, and a
//! group's worst verdict and spread from its intervals.

use chrono::Datelike;

use super::model::{Spread, Verdict};
use crate::claim::{Claim, NumberValue, Value};
use crate::text::FastMap;

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
fn bounds(n: &NumberValue, tolerance: f64) -> (f64, f64) {
    let half = tolerance / 2.0;
    (
        n.min.map_or(f64::NEG_INFINITY, |v| v - half * v.abs()),
        n.max.map_or(f64::INFINITY, |v| v + half * v.abs()),
    )
}

/// A value as a comparable interval: numbers as they are, dates as day numbers.
pub(super) fn interval(value: &Value, tolerance: f64) -> Option<(f64, f64)> {
    match value {
        Value::Number(n) => Some(bounds(n, tolerance)),
        Value::Date(d) => {
            let day = |x: chrono::NaiveDate| f64::from(x.num_days_from_ce());
            Some((day(d.from?) - tolerance / 2.0, day(d.to?) + tolerance / 2.0))
        }
    }
}

/// The lowest and highest value of a group, and for numbers the most
/// conservative count (the lowest lower bound).
pub(super) fn spread(group: &[&Claim]) -> Option<(Spread, Option<f64>)> {
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
pub(super) fn sweep_verdict(group: &[&Claim], tol: f64) -> Option<Verdict> {
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
pub(super) fn families_disjoint(group: &[&Claim], roots: &[usize], tol: f64) -> bool {
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

#[cfg(test)]
mod tests {
    use super::Verdict;
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
}
