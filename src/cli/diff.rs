//! `diff OLD NEW`: what changed between two runs, each given as a
//! `report --format json` file or as claims saved by `extract` (judged
//! here with the rules in use).

use std::fs;
use std::io;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::Exit;
use super::args::{DiffArgs, DiffFormat};
use super::output::emit;
use crosscheck::compare::{Analysis, Standards};
use crosscheck::corpus::{self, ReadOptions};
use crosscheck::diff::{Diff, Run, write_diff_json, write_diff_markdown, write_diff_table};
use crosscheck::rules::RuleSet;

/// A run from a file: a report's JSON (one object with `comparisons`), or
/// else saved claims, one a line.
fn run_of(rules: &RuleSet, path: &Path) -> Result<Run> {
    let name = path.display().to_string();
    let text = fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    let report = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("comparisons").is_some());
    if report {
        return Ok(Run::from_report_json(&name, &text)?);
    }
    let saved = corpus::read_saved(
        &[path.to_path_buf()],
        &ReadOptions::default(),
        &mut io::empty(),
    )?;
    let documents = saved.documents.len();
    let analysis = Analysis::from_claims(
        &Standards::of(rules),
        saved.claims,
        documents,
        saved.problems,
    );
    Ok(Run::from_analysis(&analysis))
}

/// `diff`: the two runs compared and written; with
/// `--fail-on-new-contradiction`, 1 when the later run has a
/// contradiction the earlier had not.
pub fn diff(rules: &RuleSet, args: &DiffArgs) -> Result<Exit> {
    let (old, new) = match (&args.db, args.since, &args.old, &args.new) {
        (Some(db), Some(since), _, _) => super::store::runs_to_diff(rules, db, since)?,
        (_, _, Some(old), Some(new)) => (run_of(rules, old)?, run_of(rules, new)?),
        _ => anyhow::bail!("diff takes two runs: OLD NEW, or --db FILE --since RUN"),
    };
    let diff = Diff::between(&old, &new);
    emit(args.output.as_deref(), |out| {
        Ok(match args.format {
            DiffFormat::Table => write_diff_table(&diff, out),
            DiffFormat::Md => write_diff_markdown(&diff, out),
            DiffFormat::Json => write_diff_json(&diff, out),
        }?)
    })?;
    Ok(
        if args.fail_on_new_contradiction && diff.has_new_contradiction() {
            Exit::Finding
        } else {
            Exit::Success
        },
    )
}
