//! The store's commands: `ingest`, `db check|metadata|runs`, `diff --db
//! --since`, and the `--db` that `report`, `compare`, `graph` and
//! `extract` read instead of a corpus.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{Subcommand, ValueEnum};

use crosscheck::compare::{Analysis, Filter};
use crosscheck::extract::stream::Streamed;
use crosscheck::rules::RuleSet;
use crosscheck::store::{self, Changes, Ingest, KeyChange, RunSummary, Store};

use super::output::emit;
use super::{Args, Exit, report_problems};

/// `crosscheck ingest`'s arguments.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Directory with manifest.yaml, directory of .txt/.md files, .jsonl file, single file, or - for JSONL on stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The store (an SQLite file; made when it does not exist).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// The largest document read, in MB; larger ones are skipped and counted.
    #[arg(long, value_name = "MB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_document_mb: u64,
    /// Read manifest entries and symbolic links that resolve outside their corpus directory.
    #[arg(long)]
    pub allow_outside: bool,
    /// Extract every stored document again, changed or not (after upgrading crosscheck).
    #[arg(long)]
    pub reextract: bool,
}

/// `crosscheck db`'s commands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Check the store: PRAGMA integrity_check and foreign_key_check.
    Check {
        /// The store.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
    /// Datasette's metadata.json for the store: table descriptions and canned queries.
    Metadata {
        /// The store.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the runs: when, with which rules, and what each changed.
    Runs {
        /// The store.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
}

/// `crosscheck diff`'s arguments.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The store.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// The run to compare now against (`crosscheck db runs` lists them).
    #[arg(long, value_name = "RUN")]
    pub since: i64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Write to FILE (whole or not at all) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a key is in conflict now that was not then.
    #[arg(long)]
    pub fail_on_new_contradiction: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

/// `ingest`: one run into the store, its summary on stdout.
pub fn ingest(args: &Args, rules: &RuleSet, ingest: &IngestArgs) -> Result<Exit> {
    let version = store::rules_version(args.rules.as_deref(), &args.references)
        .context("the rules' version cannot be read")?;
    let mut store = Store::open(&ingest.db)?;
    let job = Ingest {
        rules,
        rules_version: &version,
        paths: &ingest.paths,
        options: crosscheck::corpus::ReadOptions {
            max_document_bytes: ingest.max_document_mb * crosscheck::corpus::MB,
            allow_outside: ingest.allow_outside,
        },
        reextract: ingest.reextract,
    };
    let summary = store.ingest(&job, &mut io::stdin().lock())?;
    report_problems(&summary.problems)?;
    writeln!(io::stdout().lock(), "{}", describe(&summary))?;
    Ok(super::exit(
        crosscheck::corpus::unreadable(&summary.problems),
        false,
    ))
}

/// The run in one line.
fn describe(s: &RunSummary) -> String {
    format!(
        "run {}: {} documents read ({} new, {} changed, {} extracted again for new rules, {} unchanged); \
         {} claims added, {} removed; {} claims on {} keys, {} in conflict ({} new since the last run); {} warnings",
        s.run,
        s.documents_read,
        s.documents_new,
        s.documents_changed,
        s.documents_reextracted,
        s.documents_unchanged,
        s.claims_added,
        s.claims_removed,
        s.claims,
        s.keys,
        s.contradictions,
        s.new_contradictions,
        s.problems.len()
    )
}

/// `db check`, `db metadata`, `db runs`.
pub fn db(command: &DbCommand) -> Result<Exit> {
    match command {
        DbCommand::Check { db } => {
            let store = Store::open_existing(db)?;
            let problems = store.check()?;
            let mut out = io::stdout().lock();
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            if problems.is_empty() {
                writeln!(
                    out,
                    "ok: {} (schema version {})",
                    db.display(),
                    store.version()?
                )?;
                Ok(Exit::Success)
            } else {
                Ok(Exit::InputError)
            }
        }
        DbCommand::Metadata { db, output } => {
            Store::open_existing(db)?;
            let meta = store::metadata(&database_name(db));
            emit(output.as_deref(), |out| {
                serde_json::to_writer_pretty(&mut *out, &meta)?;
                writeln!(out)?;
                Ok(())
            })?;
            Ok(Exit::Success)
        }
        DbCommand::Runs { db } => {
            let store = Store::open_existing(db)?;
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "run  started               rules             documents new/changed/again/same  claims +/-/now  keys/conflict  warnings"
            )?;
            for r in store.runs()? {
                let [n, c, a, s] = r.documents;
                let [added, removed, now] = r.claims;
                writeln!(
                    out,
                    "{:<4} {:<21} {:<17} {:>4}/{}/{}/{:<25} +{}/-{}/{:<9} {}/{:<12} {}",
                    r.id,
                    r.started,
                    r.rules_version,
                    n,
                    c,
                    a,
                    s,
                    added,
                    removed,
                    now,
                    r.keys[0],
                    r.keys[1],
                    r.warnings
                )?;
            }
            Ok(Exit::Success)
        }
    }
}

/// What Datasette calls the database: the file's name without its extension.
fn database_name(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "desk".into(), |s| s.to_string_lossy().into_owned())
}

/// `diff --db --since`: the claims and keys that changed since a run.
pub fn diff(args: &DiffArgs) -> Result<Exit> {
    let store = Store::open_existing(&args.db)?;
    let changes = store.changes_since(args.since)?;
    emit(args.output.as_deref(), |out| match args.format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &changes)?;
            writeln!(out)?;
            Ok(())
        }
        DiffFormat::Table => Ok(write_changes(&changes, out)?),
    })?;
    let new_conflict = changes.keys.iter().any(KeyChange::is_new_conflict);
    Ok(super::exit(
        0,
        args.fail_on_new_contradiction && new_conflict,
    ))
}

fn standing(s: &Option<(String, String)>) -> String {
    s.as_ref()
        .map_or_else(|| "(no claims)".into(), |(v, g)| format!("{v}, {g}"))
}

fn write_changes(c: &Changes, out: &mut dyn Write) -> io::Result<()> {
    let conflicts = c.keys.iter().filter(|k| k.is_new_conflict()).count();
    writeln!(
        out,
        "Since run {} (now run {}): {} claims added, {} removed; {} keys changed, {} newly in conflict.",
        c.since,
        c.latest,
        c.added.len(),
        c.removed.len(),
        c.keys.len(),
        conflicts
    )?;
    if !c.keys.is_empty() {
        writeln!(out, "\nKeys")?;
        for k in &c.keys {
            let mark = if k.is_new_conflict() { "!" } else { " " };
            writeln!(
                out,
                "{mark} {}: {} → {}",
                k.key,
                standing(&k.before),
                standing(&k.now)
            )?;
        }
    }
    for (title, list) in [("Claims added", &c.added), ("Claims removed", &c.removed)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}")?;
        for claim in list {
            writeln!(
                out,
                "  {}  {} ({})  {} = {}  «{}»",
                claim.id, claim.document, claim.outlet, claim.key, claim.value, claim.quote
            )?;
        }
    }
    Ok(())
}

/// The analysis `report`, `compare` and `graph` render from a store.
pub fn analyze(rules: &RuleSet, db: &Path, filter: &Filter) -> Result<(Analysis, Streamed)> {
    let store = Store::open_existing(db)?;
    let mut analysis = store.analysis(rules)?;
    analysis.filter(filter);
    let streamed = Streamed {
        documents: analysis.documents.clone(),
        ..Streamed::default()
    };
    Ok((analysis, streamed))
}
