//! Where a run's claims come from — the articles, extracted as they are
//! read, or claims saved by `extract` — and the reviewer's corrections
//! applied to them before they are compared.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::args::{Input, SourceArgs};
use super::output::emit;
use super::{Exit, exit, progress, report_problems};
use crosscheck::claim::Claim;
use crosscheck::compare::{Analysis, Filter, Standards};
use crosscheck::corpus::{self, DocumentInfo, Problem};
use crosscheck::extract::stream::{self, Streamed};
use crosscheck::report::{self, Format, Style, Subject};
use crosscheck::review::{self, Applied, REVIEW_FILE, Review};
use crosscheck::rules::RuleSet;

/// Claims with the documents they came from and the problems met.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Claims, in corpus order.
    pub claims: Vec<Claim>,
    /// Documents read (or saved), in corpus order.
    pub documents: Vec<DocumentInfo>,
    /// Problems with documents.
    pub problems: Vec<Problem>,
}

/// Streams the corpus through extraction with a spinner, handing each
/// batch's claims and documents to `each`; problems go to stderr.
pub fn stream(
    rules: &RuleSet,
    input: &Input,
    each: &mut stream::ClaimSink<'_, anyhow::Error>,
) -> Result<Streamed> {
    let bar = progress();
    let (mut docs, mut claims) = (0usize, 0usize);
    let streamed = stream::stream_with(
        rules,
        &input.paths,
        &input.read_options(),
        &mut io::stdin().lock(),
        &mut |batch, infos| {
            docs += infos.len();
            claims += batch.len();
            bar.set_message(format!("{docs} documents, {claims} claims"));
            bar.tick();
            each(batch, infos)
        },
    )?;
    bar.finish_and_clear();
    report_problems(&streamed.problems)?;
    Ok(streamed)
}

/// Every claim of the input: extracted from the articles, or read back
/// from saved claims with `--claims`.
pub fn gather(rules: &RuleSet, input: &Input, saved: bool) -> Result<Gathered> {
    if saved {
        let saved =
            corpus::read_saved(&input.paths, &input.read_options(), &mut io::stdin().lock())?;
        report_problems(&saved.problems)?;
        return Ok(Gathered {
            claims: saved.claims,
            documents: saved.documents,
            problems: saved.problems,
        });
    }
    let mut claims = Vec::new();
    let streamed = stream(rules, input, &mut |batch, _| {
        claims.append(batch);
        Ok(())
    })?;
    Ok(Gathered {
        claims,
        documents: streamed.documents,
        problems: streamed.problems,
    })
}

/// The review files to apply: `--review`, else a `review.yaml` beside
/// each corpus path (in a corpus directory, or beside a file), unless
/// `--no-review`.
pub fn review_files(paths: &[PathBuf], source: &SourceArgs) -> Vec<PathBuf> {
    if source.no_review {
        return Vec::new();
    }
    if let Some(file) = &source.review {
        return vec![file.clone()];
    }
    let mut found: Vec<PathBuf> = Vec::new();
    for path in paths.iter().filter(|p| p.as_os_str() != "-") {
        let dir = if path.is_dir() {
            Some(path.as_path())
        } else {
            path.parent()
        };
        let beside = dir.unwrap_or(Path::new(".")).join(REVIEW_FILE);
        if beside.is_file() && !found.contains(&beside) {
            found.push(beside);
        }
    }
    found
}

/// Applies the reviewer's corrections to the claims, saying on stderr
/// which file was applied and which corrections matched nothing.
pub fn corrections(
    rules: &RuleSet,
    input: &Input,
    source: &SourceArgs,
    claims: &mut Vec<Claim>,
) -> Result<Vec<Applied>> {
    let mut review = Review::default();
    for file in review_files(&input.paths, source) {
        let loaded = review::load(&file, rules).context("the review file does not load")?;
        if source.review.is_none() {
            writeln!(
                io::stderr(),
                "notice: {} corrections from {} applied (--no-review to leave them out)",
                loaded.corrections.len(),
                file.display()
            )?;
        }
        review.corrections.extend(loaded.corrections);
    }
    let applied = review::apply(&review, claims);
    let mut err = io::stderr().lock();
    for a in &applied {
        if let Some(why) = &a.unmatched {
            writeln!(
                err,
                "warning: {}: {} ({}): {why}; not applied",
                a.correction.origin,
                a.correction.describe(),
                a.correction.author
            )?;
        }
    }
    Ok(applied)
}

/// Gathers the claims, applies the corrections and compares them, the
/// filter not yet applied.
pub fn analyze(rules: &RuleSet, input: &Input, source: &SourceArgs) -> Result<Analysis> {
    if let Some(db) = &input.db {
        return super::store::analysis(rules, db, source);
    }
    let mut gathered = gather(rules, input, source.claims)?;
    let applied = corrections(rules, input, source, &mut gathered.claims)?;
    let documents = gathered.documents.len();
    Ok(Analysis::from_claims(
        &Standards::of(rules),
        gathered.claims,
        documents,
        gathered.problems,
    )
    .with_documents(gathered.documents)
    .with_corrections(applied))
}

/// `extract`: JSONL is written batch by batch as documents are read —
/// each batch's documents, then its claims, and the problems met at the
/// end, so `report --claims` can say all a report says; the other
/// formats need every claim first.
pub fn extract(rules: &RuleSet, input: &Input, format: Format, claims_only: bool) -> Result<Exit> {
    let output = input.output.as_deref();
    if let Some(db) = &input.db {
        let store = crosscheck::store::Store::open_existing(db)?;
        let claims = store.analysis(rules)?.claims;
        let subject = Subject::Claims(&claims);
        emit(output, |out| {
            Ok(format.render(subject, Style::default(), out)?)
        })?;
        return Ok(Exit::Success);
    }
    let streamed = if format == Format::ClaimsJsonl {
        let mut streamed = Streamed::default();
        emit(output, |out| {
            streamed = stream(rules, input, &mut |batch, infos| {
                if !claims_only {
                    report::write_documents_jsonl(infos, out)?;
                }
                Ok(report::write_claims_jsonl(batch, out)?)
            })?;
            if !claims_only {
                report::write_problems_jsonl(&streamed.problems, out)?;
            }
            Ok(())
        })?;
        streamed
    } else {
        let mut claims = Vec::new();
        let streamed = stream(rules, input, &mut |batch, _| {
            claims.append(batch);
            Ok(())
        })?;
        let subject = Subject::Claims(&claims);
        emit(output, |out| {
            Ok(format.render(subject, Style::default(), out)?)
        })?;
        streamed
    };
    Ok(exit(corpus::unreadable(&streamed.problems), false))
}

/// Keeps the keys `filter` passes.
pub fn filtered(mut analysis: Analysis, filter: &Filter) -> Analysis {
    analysis.filter(filter);
    analysis
}
