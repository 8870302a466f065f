//! What each version of a key's value is, on its own: a key's grade says
//! how the key stands as a whole (contested, contradicts-reference…), but a
//! report row needs to say what *this* value is — the outlet that gave the
//! reference's date matches it even when the key contradicts the reference.
//! One small function: the version's reference verdict first, then how it
//! stands to the other source families' versions.

use std::collections::BTreeSet;

use super::interval::judge;
use super::model::{Judgement, Verdict, Version};
use crate::claim::Claim;

/// Versions past this many are judged against the first this many only,
/// so a key of thousands of distinct values stays linear in practice.
pub(super) const MAX_JUDGED_VERSIONS: usize = 400;

/// Who carries one version: (source family root, year the figure is given
/// for), each pair once.
type Carriers = BTreeSet<(usize, Option<i32>)>;

/// The carriers of each version, from the claims' family roots and the
/// version each claim carries.
fn carriers(
    group: &[&Claim],
    roots: &[usize],
    version_of: &[usize],
    count: usize,
) -> Vec<Carriers> {
    let mut out = vec![Carriers::new(); count];
    for (i, claim) in group.iter().enumerate() {
        out[version_of[i]].insert((roots[i], claim.as_of));
    }
    out
}

/// Whether some carrier of `a` and some carrier of `b` are of different
/// families (`other`) or of one family (`!other`), and give their figure
/// for the same year (or no year), so their claims were judged together.
fn meet(a: &Carriers, b: &Carriers, other: bool) -> bool {
    a.iter().any(|(fa, ya)| {
        b.iter()
            .any(|(fb, yb)| (fa != fb) == other && (ya.is_none() || yb.is_none() || ya == yb))
    })
}

/// Judges every version of a key: `roots[i]` is the family of `group[i]`,
/// `version_of[i]` the version it carries.
pub(super) fn judge_versions(
    group: &[&Claim],
    roots: &[usize],
    version_of: &[usize],
    versions: &mut [Version],
    tol: f64,
) {
    let carriers = carriers(group, roots, version_of, versions.len());
    let judged = versions.len().min(MAX_JUDGED_VERSIONS);
    let mut out = Vec::with_capacity(versions.len());
    for (i, v) in versions.iter().enumerate() {
        let families: BTreeSet<usize> = carriers[i].iter().map(|c| c.0).collect();
        let (mut against_other, mut with_other, mut against_own) =
            (false, families.len() > 1, false);
        for j in (0..judged).filter(|&j| j != i) {
            let Some(verdict) = judge(&v.value, &versions[j].value, tol) else {
                continue;
            };
            let contradict = verdict == Verdict::Contradict;
            if meet(&carriers[i], &carriers[j], true) {
                against_other |= contradict;
                with_other |= !contradict;
            }
            against_own |= contradict && meet(&carriers[i], &carriers[j], false);
        }
        out.push(match v.reference {
            Some(Verdict::Contradict) => Judgement::ContradictsReference,
            Some(_) => Judgement::MatchesReference,
            None if against_other => Judgement::ContradictsOtherFamily,
            None if with_other => Judgement::Agrees,
            None if against_own => Judgement::ContradictsSameFamily,
            None => Judgement::SingleSource,
        });
    }
    for (v, j) in versions.iter_mut().zip(out) {
        v.judgement = j;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Judgement, Standards, compare};
    use crate::claim::Claim;
    use crate::claim::testing::number as n;

    fn claim(id: &str, outlet: &str, value: f64) -> Claim {
        Claim {
            doc: id.into(),
            outlet: outlet.into(),
            qualifier: [("actor".to_string(), "isis".to_string())].into(),
            value: n(Some(value), Some(value)),
            sentence: format!("{id} said {outlet} {value}"),
            ..crate::claim::testing::claim(id, "killed_count", "rawa")
        }
    }

    fn judgements(claims: &[Claim]) -> Vec<(String, Judgement)> {
        let rules = crate::rules::load(None).unwrap();
        let judged = compare(&Standards::of(&rules), claims);
        judged[0]
            .versions
            .iter()
            .map(|v| (v.value.display(), v.judgement))
            .collect()
    }

    #[test]
    fn each_version_is_judged_on_its_own() {
        use Judgement::*;
        let two_agree_one_not = [
            claim("a", "X", 40.0),
            claim("b", "Y", 40.0),
            claim("c", "Z", 90.0),
        ];
        assert_eq!(
            judgements(&two_agree_one_not),
            [
                ("40".into(), ContradictsOtherFamily),
                ("90".into(), ContradictsOtherFamily)
            ]
        );
        let agree = [claim("a", "X", 40.0), claim("b", "Y", 41.0)];
        assert_eq!(
            judgements(&agree),
            [("40".into(), Agrees), ("41".into(), Agrees)]
        );
        let one_outlet = [claim("a", "X", 40.0), claim("b", "X", 90.0)];
        assert_eq!(
            judgements(&one_outlet),
            [
                ("40".into(), ContradictsSameFamily),
                ("90".into(), ContradictsSameFamily)
            ]
        );
        assert_eq!(
            judgements(&[claim("a", "X", 40.0)]),
            [("40".into(), SingleSource)]
        );
    }

    /// A liberation date: `doc`'s claim of the month `(year, month)`.
    fn dated(id: &str, doc: &str, outlet: &str, (y, m): (i32, u32)) -> Claim {
        use crate::claim::{Precision, testing::dates};
        use chrono::{Datelike, NaiveDate};
        let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        let last = crate::corpus::last_of_month(first).day();
        Claim {
            doc: doc.into(),
            qualifier: [("event".to_string(), "liberation".to_string())].into(),
            value: dates((y, m, 1), (y, m, last), Precision::Month),
            ..claim(id, outlet, 0.0)
        }
    }

    #[test]
    fn a_document_that_tells_of_two_episodes_is_judged_episode_by_episode() {
        use super::super::Verdict;
        let verdict = |claims: &[Claim]| {
            let rules = crate::rules::load(None).unwrap();
            compare(&Standards::of(&rules), claims)[0].verdict
        };
        // Palmyra retaken in March 2016 and again in March 2017: one paper
        // tells both, another the second; they agree.
        let episodes = [
            dated("a1", "a", "X", (2016, 3)),
            dated("a2", "a", "X", (2017, 3)),
            dated("b1", "b", "Y", (2017, 3)),
        ];
        assert_eq!(verdict(&episodes), Verdict::Agree);
        // Two papers that each give one date a year apart contradict.
        let one_each = [
            dated("a1", "a", "X", (2016, 3)),
            dated("b1", "b", "Y", (2017, 3)),
        ];
        assert_eq!(verdict(&one_each), Verdict::Contradict);
        // And a paper whose two dates are weeks apart contradicts itself.
        let close = [
            dated("a1", "a", "X", (2016, 3)),
            dated("a2", "a", "X", (2016, 5)),
        ];
        assert_eq!(verdict(&close), Verdict::Contradict);
    }
}
