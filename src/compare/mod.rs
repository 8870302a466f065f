//! The comparison stage: claims grouped by key (kind, subject, qualifier),
//! every pair from different documents judged agree / compatible /
//! contradict by interval overlap and the rule's tolerance, each key given
//! the worst verdict of its pairs (or `single-source`) and a grade, and the
//! whole run summed up in an [`Analysis`] that the report writers render.
//!
//! Comparison takes only what it needs of the rules: [`Standards`].

mod analysis;
mod families;
mod group;
mod interval;
mod judgement;
mod model;
mod partition;

use rayon::prelude::*;

pub use analysis::{Analysis, Filter, Summary};
pub use group::PAIRWISE_LIMIT;
pub use interval::judge;
pub use model::{
    Comparison, Family, Grade, Judgement, MAX_LISTED_PAIRS, Pair, ReferenceCheck, Spread, Verdict,
    Version, source_of,
};
pub use partition::Partition;

use crate::claim::{Claim, Key, Qualifier};
use crate::recognize::Attribution;
use crate::rules::{ReferenceFact, RuleSet, Tolerances};
use crate::text::FastMap;
use group::judge_group;

/// What comparison needs of the rules: tolerances, reference facts, and
/// which speakers are unnamed (they never merge outlets into one family).
#[derive(Clone, Copy)]
pub struct Standards<'a> {
    /// Each rule's and kind's tolerance.
    pub tolerances: &'a Tolerances,
    /// Authoritative facts keys are graded against.
    pub references: &'a [ReferenceFact],
    /// The speaker recognizer, for its unnamed sources.
    pub attribution: &'a Attribution,
}

impl<'a> Standards<'a> {
    /// The standards of a rule set.
    pub fn of(rules: &'a RuleSet) -> Standards<'a> {
        Standards {
            tolerances: &rules.tolerances,
            references: &rules.references,
            attribution: &rules.attribution,
        }
    }

    /// The reference fact on a key, if any.
    fn reference(&self, key: &Key) -> Option<&'a ReferenceFact> {
        self.references.iter().find(|f| {
            f.kind == key.kind && f.subject == key.subject && f.qualifier == key.qualifier
        })
    }
}

/// Groups claims by key and judges them; the worst first.
pub fn compare(standards: &Standards<'_>, claims: &[Claim]) -> Vec<Comparison> {
    let mut groups: FastMap<(&str, &str, &Qualifier), Vec<&Claim>> = FastMap::default();
    for claim in claims {
        groups
            .entry((&claim.kind, &claim.subject, &claim.qualifier))
            .or_default()
            .push(claim);
    }
    let groups: Vec<_> = groups.into_iter().collect();
    let mut out: Vec<Comparison> = groups
        .into_par_iter()
        .map(|((kind, subject, qualifier), group)| {
            let key = Key {
                kind: kind.to_string(),
                subject: subject.to_string(),
                qualifier: qualifier.clone(),
            };
            let tol = group
                .iter()
                .map(|c| standards.tolerances.of(c))
                .fold(0.0, f64::max);
            judge_group(standards, key, &group, tol)
        })
        .collect();
    out.sort_by(|a, b| {
        (!a.is_conflict(), a.verdict, a.grade)
            .cmp(&(!b.is_conflict(), b.verdict, b.grade))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::testing::number as n;

    #[test]
    fn changing_quantities_of_different_years_are_not_judged() {
        let rules = crate::rules::load(None).unwrap();
        let claim = |id: &str, outlet: &str, value: f64, as_of: i32| Claim {
            doc: id.into(),
            outlet: outlet.into(),
            qualifier: [("actor".to_string(), "isis".to_string())].into(),
            value: n(Some(value), Some(value)),
            sentence: format!("{id} {outlet}"),
            as_of: Some(as_of),
            ..crate::claim::testing::claim(id, "controlled_share_pct", "iraq")
        };
        let then = claim("a", "X", 33.3, 2014);
        let now = claim("b", "Y", 5.0, 2017);
        let also_now = claim("c", "Z", 40.0, 2017);
        let judged = compare(&Standards::of(&rules), &[then.clone(), now.clone()]);
        assert!(judged[0].pairs.is_empty());
        assert_ne!(judged[0].verdict, Verdict::Contradict);
        let judged = compare(&Standards::of(&rules), &[then, now, also_now]);
        assert_eq!(
            judged[0].verdict,
            Verdict::Contradict,
            "5 and 40 in one year do contradict"
        );
        assert_eq!(judged[0].pairs.len(), 1);
    }
}
