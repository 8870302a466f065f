//! What changed since a run: the claims that came and went, and the keys
//! whose verdict or grade moved, between the end of that run and now.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;
use crate::error::Result;

/// A claim that came or went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimChange {
    /// Its id.
    pub id: String,
    /// Its document.
    pub document: String,
    /// Its outlet.
    pub outlet: String,
    /// Its key, in words.
    pub key: String,
    /// Its value, as reports show it.
    pub value: String,
    /// The words it was read from.
    pub quote: String,
}

/// A key whose standing moved; `None` where it had no claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyChange {
    /// The key, in words.
    pub key: String,
    /// Verdict and grade after the earlier run.
    pub before: Option<(String, String)>,
    /// Verdict and grade now.
    pub now: Option<(String, String)>,
}

impl KeyChange {
    /// True when the key is in conflict now and was not before.
    pub fn is_new_conflict(&self) -> bool {
        let conflict = |s: &Option<(String, String)>| {
            s.as_ref().is_some_and(|(v, g)| {
                v == "contradict" || g == "contested" || g == "contradicts-reference"
            })
        };
        conflict(&self.now) && !conflict(&self.before)
    }
}

/// Everything that changed since a run.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The earlier run.
    pub since: i64,
    /// The latest run.
    pub latest: i64,
    /// Claims standing now that did not then.
    pub added: Vec<ClaimChange>,
    /// Claims standing then that do not now.
    pub removed: Vec<ClaimChange>,
    /// Keys whose verdict or grade moved, or that came or went.
    pub keys: Vec<KeyChange>,
}

/// The claims standing at the end of run ?1 (for each claim, its last
/// event up to then; SQLite takes the bare `change` from the row of `max`).
const STOOD_AT: &str = "SELECT claim FROM (SELECT claim, change, max(run) FROM claim_events
     WHERE run <= ?1 GROUP BY claim) WHERE change = 'added'";

fn claim_changes(conn: &Connection, since: i64, added: bool) -> rusqlite::Result<Vec<ClaimChange>> {
    let sql = format!(
        "SELECT c.id, c.document, c.outlet, c.key, c.value, c.quote
         FROM claims c JOIN documents d ON d.id = c.document
         WHERE c.removed IS {} NULL AND c.id {} IN ({STOOD_AT})
         ORDER BY d.seq, c.span_start, c.id",
        if added { "" } else { "NOT" },
        if added { "NOT" } else { "" },
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map(params![since], |r| {
        Ok(ClaimChange {
            id: r.get(0)?,
            document: r.get(1)?,
            outlet: r.get(2)?,
            key: r.get(3)?,
            value: r.get(4)?,
            quote: r.get(5)?,
        })
    })?
    .collect()
}

fn key_changes(conn: &Connection, since: i64, latest: i64) -> rusqlite::Result<Vec<KeyChange>> {
    let mut stmt = conn.prepare(
        "WITH ks AS (SELECT key FROM verdict_history WHERE run = ?1
                     UNION SELECT key FROM verdict_history WHERE run = ?2)
         SELECT ks.key, o.verdict, o.grade, n.verdict, n.grade FROM ks
         LEFT JOIN verdict_history o ON o.key = ks.key AND o.run = ?1
         LEFT JOIN verdict_history n ON n.key = ks.key AND n.run = ?2
         WHERE o.verdict IS NOT n.verdict OR o.grade IS NOT n.grade
         ORDER BY ks.key",
    )?;
    stmt.query_map(params![since, latest], |r| {
        let pair = |v: Option<String>, g: Option<String>| v.zip(g);
        Ok(KeyChange {
            key: r.get(0)?,
            before: pair(r.get(1)?, r.get(2)?),
            now: pair(r.get(3)?, r.get(4)?),
        })
    })?
    .collect()
}

impl Store {
    /// What changed between the end of run `since` and now.
    pub fn changes_since(&self, since: i64) -> Result<Changes> {
        self.run_exists(since)?;
        let conn = &self.conn;
        let latest: i64 = conn
            .query_row("SELECT max(id) FROM runs", [], |r| r.get(0))
            .map_err(|e| self.failed(e))?;
        Ok(Changes {
            since,
            latest,
            added: claim_changes(conn, since, true).map_err(|e| self.failed(e))?,
            removed: claim_changes(conn, since, false).map_err(|e| self.failed(e))?,
            keys: key_changes(conn, since, latest).map_err(|e| self.failed(e))?,
        })
    }
}
