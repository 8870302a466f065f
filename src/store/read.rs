//! Reading the store back: its documents and standing claims (for a
//! report, a graph, the next run's comparison), the runs, and what changed
//! since a run.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::ingest::States;
use super::{Store, corrections};
use crate::claim::{Claim, Key};
use crate::compare::{Analysis, Standards};
use crate::corpus::{Document, DocumentInfo, Published};
use crate::error::{Error, Result};
use crate::rules::RuleSet;

/// Keys in conflict at the latest run that were not at the run before:
/// the query behind "new contradictions since the last run" (the Datasette
/// canned query `new_contradictions` is the same text).
pub const NEW_CONTRADICTIONS: &str = "\
WITH latest AS (SELECT max(id) AS run FROM runs),
previous AS (SELECT max(id) AS run FROM runs WHERE id < (SELECT run FROM latest))
SELECT h.key, h.verdict, h.grade, p.verdict AS previous_verdict, p.grade AS previous_grade
FROM verdict_history h
LEFT JOIN verdict_history p ON p.key = h.key AND p.run = (SELECT run FROM previous)
WHERE h.run = (SELECT run FROM latest)
  AND (h.verdict = 'contradict' OR h.grade IN ('contested', 'contradicts-reference'))
  AND (p.key IS NULL OR NOT (p.verdict = 'contradict' OR p.grade IN ('contested', 'contradicts-reference')))
ORDER BY h.key";

pub(super) fn document_states(conn: &Connection) -> rusqlite::Result<States> {
    let mut stmt = conn.prepare("SELECT id, hash, rules_version FROM documents")?;
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect()
}

fn published(text: Option<String>) -> Option<Published> {
    text.as_deref().and_then(Published::parse)
}

/// Stored documents, whole, with their hashes.
pub(super) fn stored_documents(
    conn: &Connection,
    ids: &[String],
) -> rusqlite::Result<Vec<(Document, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, outlet, published, language, wires, url, origin, text, hash
         FROM documents WHERE id = ?1",
    )?;
    let mut docs = Vec::new();
    for id in ids {
        docs.push(stmt.query_row([id], |r| {
            let wires: String = r.get(4)?;
            Ok((
                Document {
                    id: r.get(0)?,
                    outlet: r.get(1)?,
                    published: published(r.get(2)?),
                    language: r.get(3)?,
                    wires: serde_json::from_str(&wires).unwrap_or_default(),
                    url: r.get(5)?,
                    origin: r.get(6)?,
                    text: r.get(7)?,
                },
                r.get(8)?,
            ))
        })?);
    }
    Ok(docs)
}

/// Every stored document, in corpus order, without its text.
pub(super) fn document_infos(conn: &Connection) -> rusqlite::Result<Vec<DocumentInfo>> {
    let mut stmt = conn.prepare(
        "SELECT id, outlet, published, url, language, wires FROM documents ORDER BY seq",
    )?;
    stmt.query_map([], |r| {
        let wires: String = r.get(5)?;
        Ok(DocumentInfo {
            id: r.get(0)?,
            outlet: r.get(1)?,
            published: published(r.get(2)?),
            url: r.get(3)?,
            language: r.get(4)?,
            wires: serde_json::from_str(&wires).unwrap_or_default(),
        })
    })?
    .collect()
}

fn parse_claims(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> rusqlite::Result<Vec<Claim>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, |r| r.get::<_, String>(0))?;
    let mut claims = Vec::new();
    for row in rows {
        let text = row?;
        let claim = serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?;
        claims.push(claim);
    }
    Ok(claims)
}

/// The claims that stand, in corpus order (documents as they came, claims
/// in text order).
pub(super) fn live_claims(conn: &Connection) -> rusqlite::Result<Vec<Claim>> {
    parse_claims(
        conn,
        "SELECT c.json FROM claims c JOIN documents d ON d.id = c.document
         WHERE c.removed IS NULL ORDER BY d.seq, c.span_start, c.id",
        [],
    )
}

/// The claims that stood when run `run` ended: those whose last event up
/// to that run added them, uncorrected.
fn claims_at(conn: &Connection, run: i64) -> rusqlite::Result<Vec<Claim>> {
    parse_claims(
        conn,
        "SELECT c.json FROM claims c JOIN documents d ON d.id = c.document
         WHERE (SELECT e.change FROM claim_events e WHERE e.claim = c.id AND e.run <= ?1
                ORDER BY e.run DESC LIMIT 1) = 'added'
         ORDER BY d.seq, c.span_start, c.id",
        params![run],
    )
}

/// The keys [`NEW_CONTRADICTIONS`] lists at the latest run, which must be `run`.
pub(super) fn new_contradictions(conn: &Connection, run: i64) -> rusqlite::Result<Vec<String>> {
    let latest: i64 = conn.query_row("SELECT max(id) FROM runs", [], |r| r.get(0))?;
    if latest != run {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(NEW_CONTRADICTIONS)?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

/// How a key stood after a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// The key.
    pub key: Key,
    /// Its verdict.
    pub verdict: String,
    /// Its grade.
    pub grade: String,
}

/// One run, as `runs` records it.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    /// Its number.
    pub id: i64,
    /// When it started (UTC).
    pub started: String,
    /// The rules' version it ran with.
    pub rules_version: String,
    /// Documents new, changed, extracted again for new rules, unchanged.
    pub documents: [i64; 4],
    /// Claims added and removed by the run, and standing after it.
    pub claims: [i64; 3],
    /// Keys, and keys in conflict, after it.
    pub keys: [i64; 2],
    /// Warnings recorded.
    pub warnings: i64,
}

impl Store {
    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunInfo>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, started, rules_version, documents_new, documents_changed,
                     documents_reextracted, documents_unchanged, claims_added, claims_removed,
                     claims, keys, contradictions, warnings FROM runs ORDER BY id",
            )
            .map_err(|e| self.failed(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RunInfo {
                    id: r.get(0)?,
                    started: r.get(1)?,
                    rules_version: r.get(2)?,
                    documents: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
                    claims: [r.get(7)?, r.get(8)?, r.get(9)?],
                    keys: [r.get(10)?, r.get(11)?],
                    warnings: r.get(12)?,
                })
            })
            .map_err(|e| self.failed(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.failed(e))
    }

    /// The latest run's number, or `None` for a store never ingested into.
    pub fn latest_run(&self) -> Result<Option<i64>> {
        self.conn
            .query_row("SELECT max(id) FROM runs", [], |r| r.get(0))
            .map_err(|e| self.failed(e))
    }

    /// The standing claims, corrected by the latest run's review files and
    /// compared with `rules`: what `report --db` renders. Its summary
    /// counts the stored documents.
    pub fn analysis(&self, rules: &RuleSet) -> Result<Analysis> {
        let mut claims = live_claims(&self.conn).map_err(|e| self.failed(e))?;
        let applied = match self.latest_run()? {
            Some(run) => corrections::apply_kept(&self.conn, run, rules, &mut claims)?,
            None => Vec::new(),
        };
        let documents = document_infos(&self.conn).map_err(|e| self.failed(e))?;
        Ok(
            Analysis::from_claims(&Standards::of(rules), claims, documents.len(), Vec::new())
                .with_documents(documents)
                .with_corrections(applied),
        )
    }

    /// The claims that stood after run `run`, corrected by that run's
    /// review files.
    pub fn claims_at(&self, rules: &RuleSet, run: i64) -> Result<Vec<Claim>> {
        self.run_exists(run)?;
        let mut claims = claims_at(&self.conn, run).map_err(|e| self.failed(e))?;
        corrections::apply_kept(&self.conn, run, rules, &mut claims)?;
        Ok(claims)
    }

    /// How each key stood after run `run`, as the run recorded it.
    pub fn standing_at(&self, run: i64) -> Result<Vec<Standing>> {
        self.run_exists(run)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT k.kind, k.subject, k.qualifier, h.verdict, h.grade
                 FROM verdict_history h JOIN keys k ON k.id = h.key
                 WHERE h.run = ?1 ORDER BY h.key",
            )
            .map_err(|e| self.failed(e))?;
        let rows = stmt
            .query_map([run], |r| {
                let qualifier: String = r.get(2)?;
                Ok(Standing {
                    key: Key {
                        kind: r.get(0)?,
                        subject: r.get(1)?,
                        qualifier: serde_json::from_str(&qualifier).unwrap_or_default(),
                    },
                    verdict: r.get(3)?,
                    grade: r.get(4)?,
                })
            })
            .map_err(|e| self.failed(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.failed(e))
    }

    /// An error unless run `run` is recorded.
    pub(super) fn run_exists(&self, run: i64) -> Result<()> {
        let found: bool = self
            .conn
            .query_row("SELECT count(*) > 0 FROM runs WHERE id = ?1", [run], |r| {
                r.get(0)
            })
            .map_err(|e| self.failed(e))?;
        if found {
            Ok(())
        } else {
            Err(Error::Input(format!(
                "{}: no run {run} (`crosscheck db runs --db {}` lists them)",
                self.path.display(),
                self.path.display()
            )))
        }
    }
}
