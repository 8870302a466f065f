//! The scoring itself: gold claims matched loosely and strictly against
//! the claims of their documents, every miss and false claim given a
//! cause, traps checked, and gold pairs judged on the claims that stand
//! for their gold claims.

use std::collections::{BTreeMap, HashMap};

use super::gold::{Gold, GoldClaim, GoldPair};
use super::model::*;
use crate::claim::{Claim, Value};
use crate::compare::{Comparison, Verdict};
use crate::corpus::Document;

/// The inputs of an evaluation.
pub struct Run<'a> {
    /// The corpus, with its texts (for quotes and traps).
    pub documents: &'a [Document],
    /// Every claim extracted from it.
    pub claims: &'a [Claim],
    /// Their comparisons.
    pub comparisons: &'a [Comparison],
    /// Kinds the rules declare.
    pub kinds: &'a [&'a str],
}

/// Is the claim's value inside the gold interval? Numbers to within 0.1%
/// of the bound, dates to the day.
pub fn within(gold: &Value, claim: &Value) -> bool {
    match (gold, claim) {
        (Value::Number(g), Value::Number(c)) => {
            let slack = |x: f64| 0.001 * x.abs().max(1.0);
            let low = g
                .min
                .is_none_or(|g| c.min.is_some_and(|c| c >= g - slack(g)));
            let high = g
                .max
                .is_none_or(|g| c.max.is_some_and(|c| c <= g + slack(g)));
            low && high
        }
        (Value::Date(g), Value::Date(c)) => match (g.from, g.to, c.from, c.to) {
            (Some(gf), Some(gt), Some(cf), Some(ct)) => gf <= cf && ct <= gt,
            _ => false,
        },
        _ => false,
    }
}

/// Do the two intervals share a point?
pub(super) fn overlaps(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => {
            let lo = |x: Option<f64>| x.unwrap_or(f64::NEG_INFINITY);
            let hi = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
            lo(a.min) <= hi(b.max) && lo(b.min) <= hi(a.max)
        }
        (Value::Date(a), Value::Date(b)) => match (a.from, a.to, b.from, b.to) {
            (Some(af), Some(at), Some(bf), Some(bt)) => af <= bt && bf <= at,
            _ => false,
        },
        _ => false,
    }
}

fn spans_overlap(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

/// Every place `needle` stands in `text`, as byte spans.
fn occurrences(text: &str, needle: &str) -> Vec<[usize; 2]> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(at, m)| [at, at + m.len()])
        .collect()
}

fn qualifier_text(q: &crate::claim::Qualifier) -> String {
    q.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn describe(c: &Claim) -> String {
    let q = qualifier_text(&c.qualifier);
    let q = if q.is_empty() { q } else { format!(" {q}") };
    format!("{} {} {}{q} {}", c.id, c.kind, c.subject, c.value.display())
}

/// One gold document with what the run took from it.
struct DocView<'a> {
    text: &'a str,
    claims: Vec<&'a Claim>,
    gold: &'a [GoldClaim],
    /// Where each gold claim's quote stands, where it was found.
    quotes: Vec<Vec<[usize; 2]>>,
}

impl<'a> DocView<'a> {
    fn near_quote(&self, gold: usize, claim: &Claim) -> bool {
        self.quotes[gold]
            .iter()
            .any(|&q| spans_overlap(q, claim.span))
    }

    fn loose(g: &GoldClaim, c: &Claim) -> bool {
        c.kind == g.kind && g.subject.accepts(&c.subject) && within(&g.value.0, &c.value)
    }

    /// Why gold claim `i` was not found strictly; `loose` tells whether it
    /// was found loosely.
    fn miss_cause(&self, i: usize, loose: bool, kinds: &[&str]) -> (Cause, Option<&'a Claim>) {
        let g = &self.gold[i];
        let first = |f: &dyn Fn(&Claim) -> bool| self.claims.iter().copied().find(|c| f(c));
        if loose {
            return (Cause::WrongQualifier, first(&|c| Self::loose(g, c)));
        }
        if !kinds.contains(&g.kind.as_str()) {
            return (Cause::UnknownKind, None);
        }
        let value = |c: &Claim| within(&g.value.0, &c.value);
        if let Some(c) = first(&|c| c.kind == g.kind && value(c)) {
            return (Cause::WrongSubject, Some(c));
        }
        if let Some(c) = first(&|c| {
            c.kind == g.kind
                && g.subject.accepts(&c.subject)
                && (overlaps(&g.value.0, &c.value) || self.near_quote(i, c))
        }) {
            return (Cause::IntervalWrong, Some(c));
        }
        if let Some(c) = first(&|c| value(c) && (self.near_quote(i, c) || !self.has_quote(i))) {
            return (Cause::OtherKind, Some(c));
        }
        (Cause::NoValue, None)
    }

    fn has_quote(&self, i: usize) -> bool {
        !self.quotes[i].is_empty()
    }

    /// Why claim `c`, which matches no gold claim loosely, is false.
    fn false_cause(&self, c: &Claim, traps: &[[usize; 2]]) -> Cause {
        if traps.iter().any(|&t| spans_overlap(t, c.span)) {
            return Cause::Trap;
        }
        let gold = || self.gold.iter().enumerate();
        if gold().any(|(_, g)| g.kind == c.kind && within(&g.value.0, &c.value)) {
            return Cause::WrongSubject;
        }
        if gold().any(|(i, g)| {
            g.kind == c.kind
                && g.subject.accepts(&c.subject)
                && (overlaps(&g.value.0, &c.value) || self.near_quote(i, c))
        }) {
            return Cause::IntervalWrong;
        }
        if gold().any(|(i, g)| within(&g.value.0, &c.value) && self.near_quote(i, c)) {
            return Cause::OtherKind;
        }
        Cause::NotInGold
    }
}

/// Scores a run against the gold.
pub fn evaluate(gold: &Gold, run: &Run<'_>) -> Evaluation {
    let mut eval = Evaluation {
        documents: gold.documents.len(),
        traps: gold.traps.len(),
        ..Evaluation::default()
    };
    let docs: HashMap<&str, &Document> = run.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut by_doc: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for c in run.claims {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    let mut trap_spans: HashMap<&str, Vec<(usize, [usize; 2])>> = HashMap::new();
    for (n, trap) in gold.traps.iter().enumerate() {
        let text = docs.get(trap.doc.as_str()).map_or("", |d| d.text.as_str());
        let found = occurrences(text, &trap.text);
        if found.is_empty() {
            eval.warnings.push(format!(
                "trap {:?} is not in document \"{}\"",
                trap.text, trap.doc
            ));
        }
        for span in found {
            trap_spans
                .entry(trap.doc.as_str())
                .or_default()
                .push((n, span));
        }
    }
    let mut trap_claims: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (doc, expected) in &gold.documents {
        let Some(document) = docs.get(doc.as_str()) else {
            continue;
        };
        let view = doc_view(
            document,
            by_doc.remove(doc.as_str()).unwrap_or_default(),
            expected,
        );
        for (i, q) in view.quotes.iter().enumerate() {
            if q.is_empty()
                && let Some(quote) = &expected[i].quote
            {
                eval.warnings
                    .push(format!("quote {quote:?} is not in document \"{doc}\""));
            }
        }
        let language = document.language.as_deref().unwrap_or("unknown");
        score_recall(&mut eval, &view, doc, language, run.kinds);
        let traps = trap_spans.get(doc.as_str()).map_or(&[][..], Vec::as_slice);
        score_precision(&mut eval, &view, traps, &mut trap_claims);
    }
    eval.trap_hits = trap_claims
        .into_iter()
        .map(|(n, claims)| TrapHit {
            doc: gold.traps[n].doc.clone(),
            text: gold.traps[n].text.clone(),
            claims,
        })
        .collect();
    let by_id: HashMap<&str, &Claim> = run.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    eval.pairs = gold
        .pairs
        .iter()
        .map(|p| pair_outcome(p, gold, run, &by_id))
        .collect();
    eval
}

fn doc_view<'a>(
    document: &'a Document,
    claims: Vec<&'a Claim>,
    gold: &'a [GoldClaim],
) -> DocView<'a> {
    let quotes = gold
        .iter()
        .map(|g| {
            g.quote
                .as_deref()
                .map_or_else(Vec::new, |q| occurrences(&document.text, q))
        })
        .collect();
    DocView {
        text: &document.text,
        claims,
        gold,
        quotes,
    }
}

fn score_recall(
    eval: &mut Evaluation,
    view: &DocView<'_>,
    doc: &str,
    language: &str,
    kinds: &[&str],
) {
    for (i, g) in view.gold.iter().enumerate() {
        let hits: Vec<&Claim> = view
            .claims
            .iter()
            .copied()
            .filter(|c| DocView::loose(g, c))
            .collect();
        let loose = !hits.is_empty();
        let strict = hits.iter().any(|c| g.qualifier_accepts(&c.qualifier));
        let r = &mut eval.recall;
        r.overall.add(loose, strict);
        r.by_kind
            .entry(g.kind.clone())
            .or_default()
            .add(loose, strict);
        r.by_difficulty
            .entry(g.difficulty.clone())
            .or_default()
            .add(loose, strict);
        r.by_language
            .entry(language.to_string())
            .or_default()
            .add(loose, strict);
        if strict {
            continue;
        }
        let (cause, nearest) = view.miss_cause(i, loose, kinds);
        eval.misses.push(Miss {
            doc: doc.to_string(),
            kind: g.kind.clone(),
            subject: g.subject.display(),
            qualifier: g.qualifier_display(),
            value: g.value.0.display(),
            quote: g.quote.clone().unwrap_or_default(),
            difficulty: g.difficulty.clone(),
            cause,
            nearest: nearest.map(describe),
        });
    }
}

fn score_precision(
    eval: &mut Evaluation,
    view: &DocView<'_>,
    traps: &[(usize, [usize; 2])],
    trap_claims: &mut BTreeMap<usize, Vec<String>>,
) {
    let trap_spans: Vec<[usize; 2]> = traps.iter().map(|&(_, s)| s).collect();
    for c in &view.claims {
        eval.precision.claims += 1;
        let matching: Vec<&GoldClaim> = view.gold.iter().filter(|g| DocView::loose(g, c)).collect();
        if !matching.is_empty() {
            eval.precision.loose += 1;
            if matching.iter().any(|g| g.qualifier_accepts(&c.qualifier)) {
                eval.precision.strict += 1;
            }
            continue;
        }
        let cause = view.false_cause(c, &trap_spans);
        if cause == Cause::Trap {
            for &(n, span) in traps {
                if spans_overlap(span, c.span) {
                    let ids = trap_claims.entry(n).or_default();
                    if !ids.contains(&c.id) {
                        ids.push(c.id.clone());
                    }
                }
            }
        }
        eval.false_claims.push(FalseClaim {
            id: c.id.clone(),
            doc: c.doc.clone(),
            kind: c.kind.clone(),
            subject: c.subject.clone(),
            qualifier: qualifier_text(&c.qualifier),
            value: c.value.display(),
            quote: view
                .text
                .get(c.span[0]..c.span[1])
                .unwrap_or(&c.quote)
                .to_string(),
            rule: c.rule.clone(),
            cause,
        });
    }
}

/// The tool's verdict between the two documents' claims on the pair's key.
/// Where a document has several claims on the key (Palmyra taken in 2016
/// and again in 2017), the pairs between the claims that stand for the
/// pair's gold claims decide; the worst of them where there are several.
pub(super) fn pair_outcome(
    pair: &GoldPair,
    gold: &Gold,
    run: &Run<'_>,
    by_id: &HashMap<&str, &Claim>,
) -> PairOutcome {
    let (kind, subject, qualifier) = &pair.key;
    let q = qualifier_text(qualifier);
    let key = if q.is_empty() {
        format!("{kind} {subject}")
    } else {
        format!("{kind} {subject} {q}")
    };
    let comparison = run.comparisons.iter().find(|c| {
        &c.key.kind == kind && &c.key.subject == subject && &c.key.qualifier == qualifier
    });
    let got = comparison.and_then(|c| {
        let (a, b) = (pair.docs.0.as_str(), pair.docs.1.as_str());
        let between: Vec<(&Claim, &Claim, Verdict)> = c
            .pairs
            .iter()
            .filter_map(|p| {
                Some((
                    *by_id.get(p.a.as_str())?,
                    *by_id.get(p.b.as_str())?,
                    p.verdict,
                ))
            })
            .filter(|(x, y, _)| (x.doc == a && y.doc == b) || (x.doc == b && y.doc == a))
            .collect();
        // A claim stands for a gold claim of its document on this key.
        let stands_for_gold = |claim: &Claim| {
            gold.documents.get(&claim.doc).is_some_and(|expected| {
                expected.iter().any(|g| {
                    g.kind == *kind
                        && g.subject.accepts(subject)
                        && g.qualifier_accepts(qualifier)
                        && DocView::loose(g, claim)
                })
            })
        };
        let gold_pairs: Vec<Verdict> = between
            .iter()
            .filter(|(x, y, _)| stands_for_gold(x) && stands_for_gold(y))
            .map(|(_, _, v)| *v)
            .collect();
        let chosen = if gold_pairs.is_empty() {
            between.iter().map(|(_, _, v)| *v).collect()
        } else {
            gold_pairs
        };
        chosen.into_iter().min()
    });
    PairOutcome {
        key,
        docs: pair.docs.clone(),
        expected: pair.verdict,
        got,
    }
}
