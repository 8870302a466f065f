//! The store's commands: `ingest`, `db check|metadata|runs`, the runs
//! `diff --db --since` compares, and the `--db` that `report`, `compare`,
//! `graph` and `extract` read instead of a corpus.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Subcommand;

use crosscheck::compare::{Analysis, Standards};
use crosscheck::diff::{Run, Standing};
use crosscheck::rules::RuleSet;
use crosscheck::store::{self, Ingest, RunSummary, Store};

use super::args::{Command, SourceArgs};
use super::gather::review_files;
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
    /// Apply this reviewer's corrections (docs/review.md); default: review.yaml beside the corpus.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    /// Apply no corrections, not even a review.yaml found beside the corpus.
    #[arg(long, conflicts_with = "review")]
    pub no_review: bool,
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

/// `ingest` and `db`.
pub fn run(args: &Args, rules: &RuleSet) -> Result<Exit> {
    match &args.command {
        Command::Ingest(ingest) => self::ingest(args, rules, ingest),
        Command::Db { command } => db(command),
        _ => anyhow::bail!("not a store command"),
    }
}

/// `ingest`: one run into the store, its summary on stdout.
fn ingest(args: &Args, rules: &RuleSet, ingest: &IngestArgs) -> Result<Exit> {
    let version = store::rules_version(args.rules.as_deref(), &args.references)
        .context("the rules' version cannot be read")?;
    let source = SourceArgs {
        claims: false,
        review: ingest.review.clone(),
        no_review: ingest.no_review,
    };
    let mut reviews = Vec::new();
    for file in review_files(&ingest.paths, &source) {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        reviews.push((file.display().to_string(), text));
    }
    // A review file that does not load stops the run before the store is
    // opened (or made).
    for (path, text) in &reviews {
        crosscheck::review::parse(path, text, rules).context("the review file does not load")?;
    }
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
        reviews: &reviews,
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
         {} claims added, {} removed; {} claims on {} keys, {} in conflict ({} new since the last run); {} corrections applied, {} matched nothing; {} warnings",
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
        s.corrections[0],
        s.corrections[1],
        s.problems.len()
    )
}

/// `db check`, `db metadata`, `db runs`.
fn db(command: &DbCommand) -> Result<Exit> {
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
            write_runs(&Store::open_existing(db)?, &mut io::stdout().lock())?;
            Ok(Exit::Success)
        }
    }
}

/// `db runs`: one line a run.
fn write_runs(store: &Store, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "{:<4}  {:<20}  {:<16}  {:<32}  {:<16}  {:<13}  warnings",
        "run",
        "started",
        "rules",
        "documents new/changed/again/same",
        "claims +/-/now",
        "keys/conflict"
    )?;
    for r in store.runs()? {
        let [n, c, a, s] = r.documents;
        let [added, removed, now] = r.claims;
        let documents = format!("{n}/{c}/{a}/{s}");
        let claims = format!("+{added}/-{removed}/{now}");
        let keys = format!("{}/{}", r.keys[0], r.keys[1]);
        writeln!(
            out,
            "{:<4}  {:<20}  {:<16}  {documents:<32}  {claims:<16}  {keys:<13}  {}",
            r.id, r.started, r.rules_version, r.warnings
        )?;
    }
    Ok(())
}

/// What Datasette calls the database: the file's name without its extension.
fn database_name(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "desk".into(), |s| s.to_string_lossy().into_owned())
}

/// The analysis `report`, `compare` and `graph` render from a store: its
/// standing claims with the corrections its latest run recorded.
pub fn analysis(rules: &RuleSet, db: &Path, source: &SourceArgs) -> Result<Analysis> {
    if source.claims || source.review.is_some() {
        anyhow::bail!(
            "--db reads the store's claims with the corrections its last ingest applied; \
             --claims and --review do not apply to it (give --review to `ingest`)"
        );
    }
    Ok(Store::open_existing(db)?.analysis(rules)?)
}

/// The two runs `diff --db --since RUN` compares: the claims and standing
/// of keys recorded after run RUN, and after the latest run.
pub fn runs_to_diff(rules: &RuleSet, db: &Path, since: i64) -> Result<(Run, Run)> {
    let store = Store::open_existing(db)?;
    let latest = store.latest_run()?.unwrap_or(since);
    let run = |n: i64| -> Result<Run> {
        // The claims as they stood; the keys as the run judged them then.
        let claims = store.claims_at(rules, n)?;
        let mut run = Run::from_analysis(&Analysis::from_claims(
            &Standards::of(rules),
            claims,
            0,
            Vec::new(),
        ));
        run.keys = store
            .standing_at(n)?
            .into_iter()
            .map(|s| {
                let standing = Standing {
                    verdict: s.verdict,
                    grade: s.grade,
                };
                (s.key, standing)
            })
            .collect();
        Ok(run)
    };
    Ok((run(since)?, run(latest)?))
}
