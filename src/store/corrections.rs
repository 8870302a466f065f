//! Reviewer corrections in the store: each run keeps the review files it
//! was given (`review_files`), applies them to every standing claim before
//! comparing, and records what each correction did (`corrections`, with
//! its author and note). Reading the store back applies the same files,
//! so a report from the store says what the run said.

use rusqlite::{Connection, params};

use crate::claim::Claim;
use crate::error::{Error, Result};
use crate::review::{self, Action, Applied, Review};
use crate::rules::RuleSet;

/// Parses review files given as (path, text); every error is reported
/// with its file, line and column.
pub(super) fn parse(files: &[(String, String)], rules: &RuleSet) -> Result<Review> {
    let mut review = Review::default();
    for (path, text) in files {
        review
            .corrections
            .extend(review::parse(path, text, rules)?.corrections);
    }
    Ok(review)
}

/// Keeps the run's review files.
pub(super) fn keep_files(
    conn: &Connection,
    run: i64,
    files: &[(String, String)],
) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare("INSERT OR REPLACE INTO review_files (run, path, text) VALUES (?1, ?2, ?3)")?;
    for (path, text) in files {
        stmt.execute(params![run, path, text])?;
    }
    Ok(())
}

/// Records what each correction did on the run.
pub(super) fn record(conn: &Connection, run: i64, applied: &[Applied]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO corrections (run, action, claim, correction, author, note, origin, applied,
             claims, unmatched)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for a in applied {
        let c = &a.correction;
        let claim = match &c.action {
            Action::Reject { claim } | Action::Set { claim, .. } => Some(claim.as_str()),
            _ => None,
        };
        stmt.execute(params![
            run,
            c.describe(),
            claim,
            serde_json::to_string(&c.action).unwrap_or_default(),
            c.author,
            c.note,
            c.origin,
            a.unmatched.is_none(),
            serde_json::to_string(&a.claims).unwrap_or_default(),
            a.unmatched,
        ])?;
    }
    Ok(())
}

/// Applies the review files run `run` kept to `claims`.
pub(super) fn apply_kept(
    conn: &Connection,
    run: i64,
    rules: &RuleSet,
    claims: &mut Vec<Claim>,
) -> Result<Vec<Applied>> {
    let mut stmt = conn
        .prepare("SELECT path, text FROM review_files WHERE run = ?1 ORDER BY rowid")
        .map_err(|e| Error::Input(e.to_string()))?;
    let files: Vec<(String, String)> = stmt
        .query_map([run], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| Error::Input(e.to_string()))?;
    Ok(review::apply(&parse(&files, rules)?, claims))
}
