//! The store: a running fact-check kept in one SQLite file that newsroom
//! data tools (Datasette, sqlite-utils, the `sqlite3` shell) open as it is.
//!
//! [`Store::ingest`] adds a corpus to it: new documents are extracted,
//! documents whose text or metadata changed are extracted again, and so is
//! every stored document when the rules changed (their version is a hash
//! of the rule files); the unchanged rest is left alone. Then every claim
//! that stands is compared again, the keys, versions, families and pairs
//! are rewritten, and the run is recorded with its counts, warnings and
//! each key's verdict, and the reviewer's corrections (`review.yaml`) are
//! applied to the claims before they are compared and recorded with
//! their author and note — all in one transaction, so a killed run leaves the
//! previous state whole. Reports, graphs and diffs read the store back
//! ([`Store::analysis`], [`Store::claims_at`], [`Store::standing_at`]). The schema is in
//! docs/store.md; its versions are migrations ([`VERSION`]).

mod corrections;
mod hash;
mod ingest;
mod metadata;
mod read;
mod schema;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use hash::{content_hash, rules_version};
pub use ingest::PAUSE_BEFORE_COMMIT;
pub use ingest::{Ingest, RunSummary};
pub use metadata::metadata;
pub use read::{NEW_CONTRADICTIONS, RunInfo, Standing};
pub use schema::VERSION;

use crate::error::{Error, Result};

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// An SQLite error, named by the store's file.
fn failed(path: &Path, err: rusqlite::Error) -> Error {
    Error::Input(format!("{}: {err}", path.display()))
}

impl Store {
    /// Opens the store at `path`, creating it when it does not exist, and
    /// brings its schema up to [`VERSION`].
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_at_version(path, VERSION)
    }

    /// Opens an existing store; a missing file is an error, not a new store.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Input(format!(
                "{}: no such store (make one with `crosscheck ingest CORPUS --db {}`)",
                path.display(),
                path.display()
            )));
        }
        Store::open(path)
    }

    /// [`Store::open`], migrating no further than `target`: how the tests
    /// make a store of an older version.
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, target: u32) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| failed(path, e))?;
        let setup = |conn: &Connection| -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(30))?;
            // WAL: a reader (Datasette) browses while an ingest writes.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.pragma_update(None, "synchronous", "NORMAL")
        };
        setup(&conn).map_err(|e| failed(path, e))?;
        let found = schema::version(&conn).map_err(|e| failed(path, e))?;
        if found > VERSION {
            return Err(Error::Input(format!(
                "{}: the store's schema is version {found}, newer than this crosscheck reads ({VERSION}); update crosscheck",
                path.display()
            )));
        }
        let empty: bool = conn
            .query_row("SELECT count(*) = 0 FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| failed(path, e))?;
        if found == 0 && !empty {
            return Err(Error::Input(format!(
                "{}: an SQLite database that is not a crosscheck store",
                path.display()
            )));
        }
        schema::migrate(&mut conn, target).map_err(|e| failed(path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store.
    pub fn version(&self) -> Result<u32> {
        schema::version(&self.conn).map_err(|e| self.failed(e))
    }

    /// The SQLite connection, for callers (and tests) that query the store
    /// themselves.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn failed(&self, err: rusqlite::Error) -> Error {
        failed(&self.path, err)
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: the
    /// problems found, none when the store is sound.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.failed(e))?;
        let rows = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.failed(e))?;
        for row in rows {
            let line = row.map_err(|e| self.failed(e))?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .map_err(|e| self.failed(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok(format!(
                    "table {} row {} names a missing row of {}",
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    row.get::<_, String>(2)?
                ))
            })
            .map_err(|e| self.failed(e))?;
        for row in rows {
            problems.push(row.map_err(|e| self.failed(e))?);
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests;
