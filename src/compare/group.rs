//! One key judged: its claims paired, the key's verdict and grade, its
//! versions, source families and spread — one small function per field.

use std::collections::{BTreeMap, BTreeSet};

use super::Standards;
use super::families::{Families, families};
use super::interval::{families_disjoint, judge, spread, sweep_verdict};
use super::judgement::judge_versions;
use super::model::{
    Comparison, Family, Grade, Judgement, MAX_LISTED_PAIRS, Pair, ReferenceCheck, Verdict, Version,
};
use chrono::NaiveDate;

use crate::claim::{Claim, Key, Precision, Value};
use crate::rules::ReferenceFact;
use crate::text::{FastMap, FastSet};

/// Groups above this size get their verdict from sorted intervals and
/// have their pairs listed only up to [`MAX_LISTED_PAIRS`].
pub const PAIRWISE_LIMIT: usize = 16;

/// What pairing a key's claims found.
#[derive(Default)]
struct Pairing {
    /// Pairs of different documents: verdict and the two claims' indices.
    judged: Vec<(Verdict, usize, usize)>,
    /// Pairs within one document that contradict each other.
    internal: Vec<Pair>,
    /// Some contradicting pair spans two source families.
    family_contradiction: bool,
}

fn pair(group: &[&Claim], i: usize, j: usize, verdict: Verdict) -> Pair {
    Pair {
        a: group[i].id.clone(),
        b: group[j].id.clone(),
        verdict,
    }
}

/// Dates of one event further apart than this are two episodes (Palmyra
/// taken in May 2015 and again in December 2016), not two accounts of one.
const EPISODE_GAP_DAYS: i64 = 90;

/// The days between two dates' intervals (0 when they touch or overlap);
/// `None` for anything but two resolved dates.
fn days_apart(a: &Value, b: &Value) -> Option<i64> {
    let (Value::Date(a), Value::Date(b)) = (a, b) else {
        return None;
    };
    let (af, at, bf, bt) = (a.from?, a.to?, b.from?, b.to?);
    Some((bf - at).num_days().max((af - bt).num_days()).max(0))
}

/// The documents that date one event on this key twice, episodes apart:
/// their dates tell a story of several episodes. Two of a document's dates
/// are further apart than the gap exactly when its latest start is, after
/// its earliest end, so one pass over the claims finds them.
fn episodic_documents<'a>(group: &[&'a Claim]) -> BTreeSet<&'a str> {
    let mut spans: BTreeMap<&str, (chrono::NaiveDate, chrono::NaiveDate)> = BTreeMap::new();
    for c in group {
        let Value::Date(d) = &c.value else { continue };
        let (Some(from), Some(to)) = (d.from, d.to) else {
            continue;
        };
        let span = spans.entry(c.doc.as_str()).or_insert((to, from));
        span.0 = span.0.min(to);
        span.1 = span.1.max(from);
    }
    spans
        .into_iter()
        .filter(|(_, (earliest_end, latest_start))| {
            (*latest_start - *earliest_end).num_days() > EPISODE_GAP_DAYS
        })
        .map(|(doc, _)| doc)
        .collect()
}

/// Judges the claims' pairs: all of them for a small key, only as many as
/// are listed for a large one. Quantities that change over time, given for
/// different years, are not judged; nor are two dates episodes apart where
/// a document tells of several episodes (each is judged against its own).
fn pair_up(group: &[&Claim], fam: &mut Families, tol: f64) -> Pairing {
    let pairwise = group.len() <= PAIRWISE_LIMIT;
    let episodic = episodic_documents(group);
    let other_episode = |a: &Claim, b: &Claim| {
        (episodic.contains(a.doc.as_str()) || episodic.contains(b.doc.as_str()))
            && days_apart(&a.value, &b.value).is_some_and(|d| d > EPISODE_GAP_DAYS)
    };
    let mut out = Pairing::default();
    for (i, a) in group.iter().enumerate() {
        for (j, b) in group.iter().enumerate().skip(i + 1) {
            if !pairwise && out.judged.len() >= MAX_LISTED_PAIRS {
                return out;
            }
            if matches!((a.as_of, b.as_of), (Some(x), Some(y)) if x != y) || other_episode(a, b) {
                continue;
            }
            let Some(verdict) = judge(&a.value, &b.value, tol) else {
                continue;
            };
            if a.doc == b.doc {
                if verdict == Verdict::Contradict {
                    out.internal.push(pair(group, i, j, verdict));
                }
                continue;
            }
            if verdict == Verdict::Contradict && fam.root(i) != fam.root(j) {
                out.family_contradiction = true;
            }
            out.judged.push((verdict, i, j));
        }
    }
    out
}

/// The key's verdict: a contradiction anywhere, else its worst pair, else
/// single-source.
fn key_verdict(worst: Option<Verdict>, internal: bool, sources: usize) -> Verdict {
    match worst {
        Some(Verdict::Contradict) => Verdict::Contradict,
        _ if internal => Verdict::Contradict,
        _ if sources <= 1 => Verdict::SingleSource,
        Some(v) => v,
        None => Verdict::SingleSource,
    }
}

/// A value as a hash key: equal values (as `==` on [`Value`] judges them:
/// `0.0` and `-0.0` are one) give equal keys, so each claim finds its
/// version in one look-up instead of a scan of the versions.
#[derive(PartialEq, Eq, Hash)]
enum ValueKey<'a> {
    Number(Option<u64>, Option<u64>, bool),
    Date(
        Option<NaiveDate>,
        Option<NaiveDate>,
        Precision,
        Option<&'a str>,
    ),
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(|x| if x == 0.0 { 0 } else { x.to_bits() })
}

fn value_key(value: &Value) -> ValueKey<'_> {
    match value {
        Value::Number(n) => ValueKey::Number(bits(n.min), bits(n.max), n.approx),
        Value::Date(d) => ValueKey::Date(d.from, d.to, d.precision, d.expression.as_deref()),
    }
}

/// Each distinct value, who carries it, and how it stands to the
/// reference; with the version each claim of `group` carries.
fn versions(
    group: &[&Claim],
    reference: Option<&ReferenceFact>,
    tol: f64,
) -> (Vec<Version>, Vec<usize>) {
    let mut out: Vec<Version> = Vec::new();
    let mut index: FastMap<ValueKey<'_>, usize> = FastMap::default();
    let mut seen: FastSet<(usize, &str, bool)> = FastSet::default();
    let mut version_of = Vec::with_capacity(group.len());
    for c in group {
        let at = *index.entry(value_key(&c.value)).or_insert_with(|| {
            out.push(Version {
                value: c.value.clone(),
                claims: Vec::new(),
                outlets: Vec::new(),
                speakers: Vec::new(),
                reference: reference.and_then(|r| judge(&r.value, &c.value, tol)),
                judgement: Judgement::default(),
            });
            out.len() - 1
        });
        version_of.push(at);
        let version = &mut out[at];
        version.claims.push(c.id.clone());
        if seen.insert((at, &c.outlet, false)) {
            version.outlets.push(c.outlet.clone());
        }
        if let Some(s) = &c.speaker
            && seen.insert((at, s, true))
        {
            version.speakers.push(s.clone());
        }
    }
    (out, version_of)
}

/// The key's grade: against the reference where there is one, else by
/// whether independent families contradict or corroborate each other.
fn grade(
    fact: Option<&ReferenceFact>,
    versions: &[Version],
    family_contradiction: bool,
    independent: usize,
) -> Grade {
    let against = |v: Verdict| versions.iter().any(|x| x.reference == Some(v));
    match fact {
        Some(_) if against(Verdict::Contradict) => Grade::ContradictsReference,
        Some(_) if versions.iter().any(|v| v.reference.is_some()) => Grade::MatchesReference,
        _ if family_contradiction => Grade::Contested,
        _ if independent >= 2 => Grade::Corroborated,
        _ => Grade::SingleSource,
    }
}

/// The source families, each with its claims, outlets and reasons.
fn family_list(group: &[&Claim], fam: &mut Families) -> Vec<Family> {
    let mut roots: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..group.len() {
        roots.entry(fam.root(i)).or_default().push(i);
    }
    roots
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
        .collect()
}

/// The listed pairs, contradictions first, and how many were left unlisted.
fn listed_pairs(group: &[&Claim], mut judged: Vec<(Verdict, usize, usize)>) -> (Vec<Pair>, usize) {
    let all = if group.len() <= PAIRWISE_LIMIT {
        judged.len()
    } else {
        group.len() * (group.len() - 1) / 2
    };
    judged.sort_by_key(|p| p.0);
    let pairs: Vec<Pair> = judged
        .iter()
        .take(MAX_LISTED_PAIRS)
        .map(|&(verdict, i, j)| pair(group, i, j, verdict))
        .collect();
    let not_listed = all.saturating_sub(pairs.len());
    (pairs, not_listed)
}

/// Claims whose date the publication date could not pin down.
fn unresolved(group: &[&Claim]) -> Vec<String> {
    group
        .iter()
        .filter(|c| matches!(&c.value, Value::Date(d) if d.from.is_none()))
        .map(|c| c.id.clone())
        .collect()
}

/// Judges one key's claims with the key's tolerance.
pub(super) fn judge_group(
    standards: &Standards<'_>,
    key: Key,
    group: &[&Claim],
    tol: f64,
) -> Comparison {
    let mut fam = families(group, &|speaker| {
        standards.attribution.is_anonymous(speaker)
    });
    let mut pairing = pair_up(group, &mut fam, tol);
    let roots: Vec<usize> = (0..group.len()).map(|i| fam.root(i)).collect();
    let independent = roots.iter().collect::<BTreeSet<_>>().len();
    // Small keys: the worst of every pair. Large keys: from sorted intervals.
    let worst = if group.len() <= PAIRWISE_LIMIT {
        pairing.judged.iter().map(|p| p.0).min()
    } else {
        pairing.family_contradiction |= families_disjoint(group, &roots, tol);
        sweep_verdict(group, tol)
    };
    let verdict = key_verdict(worst, !pairing.internal.is_empty(), fam.sources);
    let fact = standards.reference(&key);
    let (mut versions, version_of) = versions(group, fact, tol);
    judge_versions(group, &roots, &version_of, &mut versions, tol);
    let grade = grade(fact, &versions, pairing.family_contradiction, independent);
    let (range, conservative) = spread(group).map_or((None, None), |(s, c)| (Some(s), c));
    let (pairs, pairs_not_listed) = listed_pairs(group, pairing.judged);
    Comparison {
        verdict,
        independent_sources: independent,
        claims: group.iter().map(|c| c.id.clone()).collect(),
        pairs,
        pairs_not_listed,
        unresolved: unresolved(group),
        grade,
        versions,
        families: family_list(group, &mut fam),
        range,
        conservative,
        reference: fact.map(|f| ReferenceCheck {
            value: f.value.clone(),
            source: f.source.clone(),
            url: f.url.clone(),
        }),
        internal_contradictions: pairing.internal,
        key,
    }
}
