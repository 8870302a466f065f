//! Renders an [`Evaluation`]: the figures as a terminal table or as JSON,
//! and with `verbose` every miss, false claim and pair, each with its cause.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::table::{cut, plain_table};
use crate::eval::{Cause, Evaluation, FalseClaim, Miss, PairOutcome, Tally, TrapHit, percent};

fn rate(part: usize, whole: usize) -> String {
    format!("{part}/{whole} = {:.1}%", percent(part, whole))
}

fn false_by_kind(eval: &Evaluation) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for f in &eval.false_claims {
        *counts.entry(f.kind.as_str()).or_insert(0) += 1;
    }
    counts
}

/// The headline figures, one a line.
fn write_headline(eval: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
    let r = &eval.recall.overall;
    let p = &eval.precision;
    let pairs = &eval.pairs;
    let compared = pairs.iter().filter(|p| p.got.is_some()).count();
    writeln!(
        out,
        "documents: {} annotated, {} gold claims, {} claims taken from them",
        eval.documents, r.gold, p.claims
    )?;
    writeln!(
        out,
        "recall: loose {}, strict {}",
        rate(r.loose, r.gold),
        rate(r.strict, r.gold)
    )?;
    writeln!(
        out,
        "precision: loose {}, strict {}",
        rate(p.loose, p.claims),
        rate(p.strict, p.claims)
    )?;
    writeln!(out, "traps hit: {} of {}", eval.trap_hits.len(), eval.traps)?;
    writeln!(
        out,
        "pairs right: {} ({} wrong, {} not compared)",
        rate(eval.pairs_right(), pairs.len()),
        compared - eval.pairs_right(),
        pairs.len() - compared
    )
}

/// Recall by kind, difficulty and language; false claims by kind.
fn write_breakdown(eval: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
    let mut t = plain_table(&[
        "by", "gold", "loose", "loose %", "strict", "strict %", "false",
    ]);
    let falses = false_by_kind(eval);
    let mut row = |label: String, tally: &Tally, false_claims: Option<usize>| {
        t.add_row(vec![
            label,
            tally.gold.to_string(),
            tally.loose.to_string(),
            format!("{:.1}", percent(tally.loose, tally.gold)),
            tally.strict.to_string(),
            format!("{:.1}", percent(tally.strict, tally.gold)),
            false_claims.map_or_else(String::new, |n| n.to_string()),
        ]);
    };
    let r = &eval.recall;
    let mut kinds: Vec<&str> = r.by_kind.keys().map(String::as_str).collect();
    kinds.extend(
        falses
            .keys()
            .copied()
            .filter(|k| !r.by_kind.contains_key(*k)),
    );
    kinds.sort_unstable();
    for kind in kinds {
        let tally = r.by_kind.get(kind).copied().unwrap_or_default();
        row(
            format!("kind {kind}"),
            &tally,
            Some(falses.get(kind).copied().unwrap_or(0)),
        );
    }
    for (difficulty, tally) in &r.by_difficulty {
        row(format!("difficulty {difficulty}"), tally, None);
    }
    for (language, tally) in &r.by_language {
        row(format!("language {language}"), tally, None);
    }
    row("all".to_string(), &r.overall, Some(eval.false_claims.len()));
    writeln!(out, "{t}")
}

/// Misses and false claims counted by cause.
fn write_causes(eval: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
    let misses = Evaluation::causes(eval.misses.iter().map(|m| &m.cause));
    let falses = Evaluation::causes(eval.false_claims.iter().map(|f| &f.cause));
    let mut causes: Vec<Cause> = misses.keys().chain(falses.keys()).copied().collect();
    causes.sort_unstable();
    causes.dedup();
    let mut t = plain_table(&["cause", "misses", "false claims"]);
    for cause in causes {
        let n = |m: &BTreeMap<Cause, usize>| m.get(&cause).copied().unwrap_or(0).to_string();
        t.add_row(vec![cause.as_str().to_string(), n(&misses), n(&falses)]);
    }
    writeln!(out, "{t}")
}

fn write_misses(misses: &[Miss], out: &mut dyn Write) -> io::Result<()> {
    let mut t = plain_table(&[
        "doc",
        "kind",
        "subject",
        "qualifier",
        "gold",
        "cause",
        "nearest claim",
        "quote",
    ]);
    for m in misses {
        t.add_row(vec![
            m.doc.clone(),
            m.kind.clone(),
            m.subject.clone(),
            m.qualifier.clone(),
            m.value.clone(),
            m.cause.as_str().to_string(),
            m.nearest.clone().unwrap_or_default(),
            cut(&m.quote, 50),
        ]);
    }
    writeln!(out, "misses:\n{t}")
}

fn write_false(falses: &[FalseClaim], out: &mut dyn Write) -> io::Result<()> {
    let mut t = plain_table(&[
        "claim",
        "kind",
        "subject",
        "qualifier",
        "value",
        "cause",
        "quote",
    ]);
    for f in falses {
        t.add_row(vec![
            f.id.clone(),
            f.kind.clone(),
            f.subject.clone(),
            f.qualifier.clone(),
            f.value.clone(),
            f.cause.as_str().to_string(),
            cut(&f.quote, 50),
        ]);
    }
    writeln!(out, "false claims:\n{t}")
}

fn write_pairs(pairs: &[PairOutcome], traps: &[TrapHit], out: &mut dyn Write) -> io::Result<()> {
    let mut t = plain_table(&["key", "documents", "gold", "got", ""]);
    for p in pairs {
        t.add_row(vec![
            p.key.clone(),
            format!("{} {}", p.docs.0, p.docs.1),
            p.expected.as_str().to_string(),
            p.got.map_or("not compared", |v| v.as_str()).to_string(),
            if p.right() {
                "ok"
            } else if p.got.is_none() {
                "MISSED"
            } else {
                "WRONG"
            }
            .to_string(),
        ]);
    }
    writeln!(out, "pairs:\n{t}")?;
    for hit in traps {
        writeln!(
            out,
            "trap hit: {} {:?} by {}",
            hit.doc,
            hit.text,
            hit.claims.join(", ")
        )?;
    }
    Ok(())
}

/// The evaluation as tables; with `verbose`, every miss, false claim and pair.
pub fn write_eval_table(eval: &Evaluation, verbose: bool, out: &mut dyn Write) -> io::Result<()> {
    write_headline(eval, out)?;
    write_breakdown(eval, out)?;
    write_causes(eval, out)?;
    if verbose {
        write_misses(&eval.misses, out)?;
        write_false(&eval.false_claims, out)?;
        write_pairs(&eval.pairs, &eval.trap_hits, out)?;
    }
    Ok(())
}

/// The JSON form: figures always, the lists of misses and false claims
/// with `verbose`.
#[derive(Serialize)]
struct EvalJson<'a> {
    documents: usize,
    recall: &'a crate::eval::Recall,
    precision: PrecisionJson,
    traps: TrapsJson<'a>,
    pairs: PairsJson<'a>,
    misses_by_cause: BTreeMap<Cause, usize>,
    false_claims_by_cause: BTreeMap<Cause, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    misses: Option<&'a [Miss]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    false_claims: Option<&'a [FalseClaim]>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct PrecisionJson {
    claims: usize,
    loose: usize,
    strict: usize,
    loose_precision: f64,
    strict_precision: f64,
}

#[derive(Serialize)]
struct TrapsJson<'a> {
    total: usize,
    hit: usize,
    hits: &'a [TrapHit],
}

#[derive(Serialize)]
struct PairsJson<'a> {
    total: usize,
    right: usize,
    not_compared: usize,
    pairs: &'a [PairOutcome],
}

/// The evaluation as one JSON object.
pub fn write_eval_json(eval: &Evaluation, verbose: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = eval.precision;
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let json = EvalJson {
        documents: eval.documents,
        recall: &eval.recall,
        precision: PrecisionJson {
            claims: p.claims,
            loose: p.loose,
            strict: p.strict,
            loose_precision: round(percent(p.loose, p.claims)),
            strict_precision: round(percent(p.strict, p.claims)),
        },
        traps: TrapsJson {
            total: eval.traps,
            hit: eval.trap_hits.len(),
            hits: &eval.trap_hits,
        },
        pairs: PairsJson {
            total: eval.pairs.len(),
            right: eval.pairs_right(),
            not_compared: eval.pairs.iter().filter(|p| p.got.is_none()).count(),
            pairs: &eval.pairs,
        },
        misses_by_cause: Evaluation::causes(eval.misses.iter().map(|m| &m.cause)),
        false_claims_by_cause: Evaluation::causes(eval.false_claims.iter().map(|f| &f.cause)),
        misses: verbose.then_some(eval.misses.as_slice()),
        false_claims: verbose.then_some(eval.false_claims.as_slice()),
        warnings: &eval.warnings,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
