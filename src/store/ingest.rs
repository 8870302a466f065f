//! One ingest run: read the corpus, extract only what is new or changed,
//! compare every claim that stands, record the run — in one transaction.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use super::{Store, corrections, read, write};
use crate::compare::{Analysis, Standards};
use crate::corpus::{self, Document, Problem, ReadOptions};
use crate::error::{Error, Result};
use crate::extract::extract_checked;
use crate::extract::stream::BATCH;
use crate::review::{self, Review};
use crate::rules::RuleSet;

/// What to ingest, and with which rules.
#[derive(Debug, Clone)]
pub struct Ingest<'a> {
    /// The compiled rules.
    pub rules: &'a RuleSet,
    /// Their version ([`super::rules_version`]).
    pub rules_version: &'a str,
    /// Corpus paths, read as every command reads them.
    pub paths: &'a [PathBuf],
    /// Size limit and path policy.
    pub options: ReadOptions,
    /// Extract every document again, changed or not (after upgrading
    /// crosscheck itself, whose code the rules' version does not cover).
    pub reextract: bool,
    /// Review files (docs/review.md) as (path, text): applied to every
    /// standing claim before comparing, kept with the run.
    pub reviews: &'a [(String, String)],
}

/// What one run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    /// The run's number.
    pub run: i64,
    /// Documents read from the input.
    pub documents_read: usize,
    /// Documents the store did not have.
    pub documents_new: usize,
    /// Documents whose text or metadata changed.
    pub documents_changed: usize,
    /// Documents extracted again because the rules changed (or on request).
    pub documents_reextracted: usize,
    /// Documents read and left alone.
    pub documents_unchanged: usize,
    /// Claims that came with this run.
    pub claims_added: usize,
    /// Claims no longer found.
    pub claims_removed: usize,
    /// Claims that stand after the run.
    pub claims: usize,
    /// Keys with claims after the run.
    pub keys: usize,
    /// Keys in conflict (contradicted, contested or against the reference).
    pub contradictions: usize,
    /// Keys in conflict now that were not at the previous run.
    pub new_contradictions: usize,
    /// Corrections applied, and those that matched nothing.
    pub corrections: [usize; 2],
    /// Problems reading documents and warnings from extraction.
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

/// Why a document is extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    New,
    Changed,
    Rules,
}

/// Documents waiting to be extracted, with their hash and why.
type Pending = Vec<(Document, String, Why)>;

/// Set to a number of seconds, an ingest waits that long after writing
/// its documents and claims and before it commits, saying so on stderr:
/// how the tests kill a run half done. Not for use otherwise.
pub const PAUSE_BEFORE_COMMIT: &str = "CROSSCHECK_TEST_PAUSE_BEFORE_COMMIT";

/// Extracts a batch on every thread and writes each document and its claims.
fn flush(
    conn: &Connection,
    job: &Ingest<'_>,
    run: i64,
    pending: &mut Pending,
    summary: &mut RunSummary,
) -> rusqlite::Result<()> {
    let done: Vec<_> = pending
        .par_iter()
        .map(|(doc, _, _)| extract_checked(job.rules, doc))
        .collect();
    for ((doc, hash, why), extraction) in pending.drain(..).zip(done) {
        match why {
            Why::New => summary.documents_new += 1,
            Why::Changed => summary.documents_changed += 1,
            Why::Rules => summary.documents_reextracted += 1,
        }
        write::document(conn, run, &doc, &hash, job.rules_version)?;
        let (added, removed) = write::claims(conn, run, &doc.id, &extraction.claims)?;
        summary.claims_added += added;
        summary.claims_removed += removed;
        summary.problems.extend(extraction.warnings);
    }
    Ok(())
}

impl Store {
    /// Ingests a corpus (see the module's documentation); returns what the
    /// run did. Nothing is written unless the whole run succeeds.
    pub fn ingest(&mut self, job: &Ingest<'_>, stdin: &mut dyn Read) -> Result<RunSummary> {
        let review = corrections::parse(job.reviews, job.rules)?;
        let path = self.path.clone();
        let fail = |e| super::failed(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let input: Vec<String> = job.paths.iter().map(|p| p.display().to_string()).collect();
        let run = write::start_run(&tx, job.rules_version, &input.join(" ")).map_err(fail)?;
        let mut summary = RunSummary {
            run,
            ..RunSummary::default()
        };
        let seen = read_input(&tx, job, &mut summary, stdin)?;
        reextract_stored(&tx, job, &seen, &mut summary).map_err(fail)?;
        corrections::keep_files(&tx, run, job.reviews).map_err(fail)?;
        compare_all(&tx, job, &review, &mut summary).map_err(fail)?;
        write::finish_run(&tx, &summary).map_err(fail)?;
        pause_if_asked();
        tx.commit().map_err(fail)?;
        Ok(summary)
    }
}

/// Reads the input, extracting each document that is new, changed, or
/// due for the new rules; returns the ids read.
fn read_input(
    conn: &Connection,
    job: &Ingest<'_>,
    summary: &mut RunSummary,
    stdin: &mut dyn Read,
) -> Result<HashSet<String>> {
    let stored = read::document_states(conn).map_err(|e| Error::Input(e.to_string()))?;
    let mut seen = HashSet::new();
    let mut pending: Pending = Vec::with_capacity(BATCH);
    let mut failure = None;
    let run = summary.run;
    let problems = corpus::read_with(job.paths, &job.options, stdin, &mut |doc| {
        if failure.is_some() {
            return;
        }
        summary.documents_read += 1;
        seen.insert(doc.id.clone());
        let hash = super::content_hash(&doc);
        let why = match stored.get(&doc.id) {
            None => Why::New,
            Some((h, _)) if *h != hash => Why::Changed,
            Some((_, v)) if v != job.rules_version || job.reextract => Why::Rules,
            Some(_) => {
                summary.documents_unchanged += 1;
                return;
            }
        };
        pending.push((doc, hash, why));
        if pending.len() == BATCH
            && let Err(e) = flush(conn, job, run, &mut pending, summary)
        {
            failure = Some(e);
        }
    })?;
    if failure.is_none()
        && let Err(e) = flush(conn, job, run, &mut pending, summary)
    {
        failure = Some(e);
    }
    if let Some(e) = failure {
        return Err(Error::Input(e.to_string()));
    }
    let mut problems = problems;
    problems.append(&mut summary.problems);
    summary.problems = problems;
    Ok(seen)
}

/// Stored documents the input did not name, extracted again from their
/// stored text when the rules changed, so that no claim stands on rules
/// older than the run's.
fn reextract_stored(
    conn: &Connection,
    job: &Ingest<'_>,
    seen: &HashSet<String>,
    summary: &mut RunSummary,
) -> rusqlite::Result<()> {
    let states = read::document_states(conn)?;
    let due: Vec<String> = states
        .into_iter()
        .filter(|(id, (_, version))| {
            !seen.contains(id) && (version != job.rules_version || job.reextract)
        })
        .map(|(id, _)| id)
        .collect();
    for ids in due.chunks(BATCH) {
        let mut pending: Pending = read::stored_documents(conn, ids)?
            .into_iter()
            .map(|(doc, hash)| (doc, hash, Why::Rules))
            .collect();
        flush(conn, job, summary.run, &mut pending, summary)?;
    }
    Ok(())
}

/// Compares every standing claim and writes what the comparison says.
fn compare_all(
    conn: &Connection,
    job: &Ingest<'_>,
    review: &Review,
    summary: &mut RunSummary,
) -> rusqlite::Result<()> {
    let mut claims = read::live_claims(conn)?;
    let applied = review::apply(review, &mut claims);
    corrections::record(conn, summary.run, &applied)?;
    let unmatched = applied.iter().filter(|a| a.unmatched.is_some()).count();
    summary.corrections = [applied.len() - unmatched, unmatched];
    let documents = read::document_infos(conn)?;
    let analysis = Analysis::from_claims(
        &Standards::of(job.rules),
        claims,
        documents.len(),
        Vec::new(),
    );
    write::analysis(conn, summary.run, &analysis, &job.rules.references)?;
    summary.claims = analysis.claims.len();
    summary.keys = analysis.comparisons.len();
    summary.contradictions = analysis
        .comparisons
        .iter()
        .filter(|c| c.is_conflict())
        .count();
    summary.new_contradictions = read::new_contradictions(conn, summary.run)?.len();
    Ok(())
}

/// The test hook: waits [`PAUSE_BEFORE_COMMIT`] seconds, if set.
fn pause_if_asked() {
    let Some(secs) = std::env::var(PAUSE_BEFORE_COMMIT)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    else {
        return;
    };
    use std::io::Write as _;
    #[allow(clippy::print_stderr)]
    let _ = writeln!(std::io::stderr(), "paused before commit");
    std::thread::sleep(std::time::Duration::from_secs(secs));
}

/// Document ids to their (hash, rules version), as stored.
pub(super) type States = HashMap<String, (String, String)>;
