//! The store's writers, each a step of one run's transaction: the run's
//! row, a document and its claims (with the events that say which claims
//! came and went), and the comparison of every claim that stands.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use crate::claim::{Claim, Key, Value};
use crate::compare::{Analysis, Comparison};
use crate::corpus::{Document, Problem, Severity};
use crate::rules::ReferenceFact;

use super::ingest::RunSummary;

/// A claim's or a fact's value as columns: (min, max, from_date, to_date,
/// precision).
type ValueColumns = (
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn value_columns(value: &Value) -> ValueColumns {
    match value {
        Value::Number(n) => (n.min, n.max, None, None, None),
        Value::Date(d) => (
            None,
            None,
            d.from.map(|f| f.to_string()),
            d.to.map(|t| t.to_string()),
            serde_json::to_value(d.precision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string)),
        ),
    }
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The key's id: its words, `fighter_count raqqa actor=isis`.
pub(super) fn key_id(key: &Key) -> String {
    key.to_string()
}

/// Opens the run's row; its counts are filled in by [`finish_run`].
pub(super) fn start_run(
    conn: &Connection,
    rules_version: &str,
    input: &str,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO runs (started, crosscheck, rules_version, input) VALUES (?1, ?2, ?3, ?4)",
        params![now(), env!("CARGO_PKG_VERSION"), rules_version, input],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The time, UTC, to the second.
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// Records the run's counts and warnings, and when it finished.
pub(super) fn finish_run(conn: &Connection, s: &RunSummary) -> rusqlite::Result<()> {
    let mut warn = conn.prepare(
        "INSERT INTO warnings (run, document, severity, message) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for p in &s.problems {
        warn.execute(params![s.run, p.document, severity(p), p.message])?;
    }
    conn.execute(
        "UPDATE runs SET finished = ?2, documents_read = ?3, documents_new = ?4,
             documents_changed = ?5, documents_reextracted = ?6, documents_unchanged = ?7,
             claims_added = ?8, claims_removed = ?9, claims = ?10, keys = ?11,
             contradictions = ?12, warnings = ?13
         WHERE id = ?1",
        params![
            s.run,
            now(),
            s.documents_read as i64,
            s.documents_new as i64,
            s.documents_changed as i64,
            s.documents_reextracted as i64,
            s.documents_unchanged as i64,
            s.claims_added as i64,
            s.claims_removed as i64,
            s.claims as i64,
            s.keys as i64,
            s.contradictions as i64,
            s.problems.len() as i64,
        ],
    )?;
    Ok(())
}

/// Adds the document or replaces its row (its place in the corpus and
/// the run that first brought it are kept).
pub(super) fn document(
    conn: &Connection,
    run: i64,
    doc: &Document,
    hash: &str,
    rules_version: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO documents (id, seq, outlet, published, url, language, wires, origin, hash,
             rules_version, bytes, text, first_run, run)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM documents), ?2, ?3, ?4, ?5, ?6, ?7, ?8,
             ?9, ?10, ?11, ?12, ?12)
         ON CONFLICT (id) DO UPDATE SET outlet = excluded.outlet, published = excluded.published,
             url = excluded.url, language = excluded.language, wires = excluded.wires,
             origin = excluded.origin, hash = excluded.hash, rules_version = excluded.rules_version,
             bytes = excluded.bytes, text = excluded.text, run = excluded.run",
        params![
            doc.id,
            doc.outlet,
            doc.published.map(|p| p.display()),
            doc.url,
            doc.language,
            json(&doc.wires),
            doc.origin,
            hash,
            rules_version,
            doc.text.len() as i64,
            doc.text,
            run,
        ],
    )?;
    Ok(())
}

/// Writes one claim: new, back after it was removed, or standing still
/// (its row refreshed: the rule or sentence that found it may differ).
fn claim(conn: &Connection, run: i64, c: &Claim) -> rusqlite::Result<()> {
    let key = key_id(&c.key());
    conn.execute(
        "INSERT OR IGNORE INTO keys (id, kind, subject, qualifier, first_run, last_run)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![key, c.kind, c.subject, json(&c.qualifier), run],
    )?;
    let (min, max, from, to, precision) = value_columns(&c.value);
    let approx = matches!(&c.value, Value::Number(n) if n.approx);
    conn.execute(
        "INSERT INTO claims (id, ref, document, outlet, key, kind, subject, qualifier, value, min,
             max, approx, from_date, to_date, precision, speaker, quote, sentence, span_start,
             span_end, rule, run, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23)
         ON CONFLICT (id) DO UPDATE SET ref = excluded.ref, outlet = excluded.outlet,
             speaker = excluded.speaker, sentence = excluded.sentence, quote = excluded.quote,
             span_start = excluded.span_start, span_end = excluded.span_end, rule = excluded.rule,
             json = excluded.json,
             run = CASE WHEN claims.removed IS NULL THEN claims.run ELSE excluded.run END,
             removed = NULL",
        params![
            c.id,
            c.position,
            c.doc,
            c.outlet,
            key,
            c.kind,
            c.subject,
            json(&c.qualifier),
            c.value.display(),
            min,
            max,
            approx,
            from,
            to,
            precision,
            c.speaker,
            c.quote,
            c.sentence,
            c.span[0] as i64,
            c.span[1] as i64,
            c.rule,
            run,
            json(c),
        ],
    )?;
    Ok(())
}

/// Replaces a document's standing claims with `claims`: those not there
/// before are added, those no longer found are marked removed by this
/// run, and both are recorded as events. Returns (added, removed).
pub(super) fn claims(
    conn: &Connection,
    run: i64,
    document: &str,
    claims: &[Claim],
) -> rusqlite::Result<(usize, usize)> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM claims WHERE document = ?1 AND removed IS NULL")?;
    let old: HashSet<String> = stmt
        .query_map([document], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut event =
        conn.prepare_cached("INSERT INTO claim_events (run, claim, change) VALUES (?1, ?2, ?3)")?;
    let mut added = 0;
    for c in claims {
        claim(conn, run, c)?;
        if !old.contains(&c.id) {
            event.execute(params![run, c.id, "added"])?;
            added += 1;
        }
    }
    let new: HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let mut remove = conn.prepare_cached("UPDATE claims SET removed = ?1 WHERE id = ?2")?;
    let mut removed = 0;
    for id in old.iter().filter(|id| !new.contains(id.as_str())) {
        remove.execute(params![run, id])?;
        event.execute(params![run, id, "removed"])?;
        removed += 1;
    }
    Ok((added, removed))
}

/// Rewrites what the comparison says now — keys' standing, versions,
/// families, pairs, reference facts — and appends each key's verdict to
/// its history.
pub(super) fn analysis(
    conn: &Connection,
    run: i64,
    analysis: &Analysis,
    references: &[ReferenceFact],
) -> rusqlite::Result<()> {
    conn.execute_batch(
        "UPDATE keys SET verdict = NULL, grade = NULL, independent_sources = NULL, claims = 0,
             range_min = NULL, range_max = NULL, conservative = NULL;
         DELETE FROM versions; DELETE FROM families; DELETE FROM pairs; DELETE FROM reference_facts;",
    )?;
    let documents: HashMap<&str, &str> = analysis
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.doc.as_str()))
        .collect();
    for c in &analysis.comparisons {
        comparison(conn, run, c, &documents)?;
    }
    for fact in references {
        reference_fact(conn, fact)?;
    }
    Ok(())
}

fn comparison(
    conn: &Connection,
    run: i64,
    c: &Comparison,
    documents: &HashMap<&str, &str>,
) -> rusqlite::Result<()> {
    let key = key_id(&c.key);
    let shown = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    conn.execute(
        "INSERT INTO keys (id, kind, subject, qualifier, verdict, grade, independent_sources, claims,
             range_min, range_max, conservative, first_run, last_run)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
         ON CONFLICT (id) DO UPDATE SET verdict = excluded.verdict, grade = excluded.grade,
             independent_sources = excluded.independent_sources, claims = excluded.claims,
             range_min = excluded.range_min, range_max = excluded.range_max,
             conservative = excluded.conservative, last_run = excluded.last_run",
        params![
            key,
            c.key.kind,
            c.key.subject,
            json(&c.key.qualifier),
            c.verdict.as_str(),
            c.grade.as_str(),
            c.independent_sources as i64,
            c.claims.len() as i64,
            c.range.as_ref().map(|r| shown(&r.min)),
            c.range.as_ref().map(|r| shown(&r.max)),
            c.conservative,
            run,
        ],
    )?;
    conn.execute(
        "INSERT INTO verdict_history (key, run, verdict, grade) VALUES (?1, ?2, ?3, ?4)",
        params![key, run, c.verdict.as_str(), c.grade.as_str()],
    )?;
    for (i, v) in c.versions.iter().enumerate() {
        let (min, max, from, to, _) = value_columns(&v.value);
        conn.execute(
            "INSERT INTO versions (key, position, value, min, max, from_date, to_date, judgement,
                 reference, claims, outlets, speakers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                key,
                i as i64 + 1,
                v.value.display(),
                min,
                max,
                from,
                to,
                v.judgement.as_str(),
                v.reference.map(|r| r.as_str()),
                json(&v.claims),
                json(&v.outlets),
                json(&v.speakers),
            ],
        )?;
    }
    for (i, f) in c.families.iter().enumerate() {
        conn.execute(
            "INSERT INTO families (key, position, claims, outlets, reasons) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key, i as i64 + 1, json(&f.claims), json(&f.outlets), json(&f.reasons)],
        )?;
    }
    let mut pair = conn.prepare_cached(
        "INSERT OR IGNORE INTO pairs (key, a, b, verdict, same_document) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in c.pairs.iter().chain(&c.internal_contradictions) {
        let same = documents.get(p.a.as_str()) == documents.get(p.b.as_str());
        pair.execute(params![key, p.a, p.b, p.verdict.as_str(), same])?;
    }
    Ok(())
}

fn reference_fact(conn: &Connection, fact: &ReferenceFact) -> rusqlite::Result<()> {
    let key = Key {
        kind: fact.kind.clone(),
        subject: fact.subject.clone(),
        qualifier: fact.qualifier.clone(),
    };
    let (min, max, from, to, _) = value_columns(&fact.value);
    conn.execute(
        "INSERT OR REPLACE INTO reference_facts (kind, subject, qualifier, key, value, min, max,
             from_date, to_date, source, url, file)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            fact.kind,
            fact.subject,
            json(&fact.qualifier),
            key_id(&key),
            fact.value.display(),
            min,
            max,
            from,
            to,
            fact.source,
            fact.url,
            fact.file,
        ],
    )?;
    Ok(())
}

/// How bad a problem is, in the `warnings` table's words.
fn severity(p: &Problem) -> &'static str {
    match p.severity {
        Severity::Warning => "warning",
        Severity::Unreadable => "unreadable",
    }
}
