//! The command line: arguments parsed ([`args`]), each command a call of
//! the library, its output written whole or not at all, and the exit code
//! it earns ([`Exit`]).

mod args;
mod output;
mod store;
mod view;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressStyle};

pub use args::Args;
use args::{Command, EvalFormat, FilterArgs, Floors, Input, ReviewArgs, RulesCommand, ViewArgs};
use crosscheck::claim::Claim;
use crosscheck::compare::{Analysis, Filter, Standards};
use crosscheck::corpus::{self, Severity};
use crosscheck::extract::stream::{self, Streamed};
use crosscheck::extract::{check_examples, count_examples};
use crosscheck::graph::ClaimGraph;
use crosscheck::report::{self, Format, Page, Style, Subject};
use crosscheck::rules::{self, RuleSet};
use output::emit;

/// How a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// All went well.
    Success,
    /// A finding the user asked to fail on: a contradiction under
    /// `--fail-on-contradiction`, an accuracy floor `eval` did not meet.
    Finding,
    /// A usage or input error: unreadable documents, bad rules, failed examples.
    InputError,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Finding => 1,
            Exit::InputError => 2,
        })
    }
}

fn load_rules(args: &Args) -> Result<RuleSet> {
    let mut rules = rules::load(args.rules.as_deref()).context("the rules do not load")?;
    for path in &args.references {
        let notices =
            rules::add_references(&mut rules, path).context("the reference facts do not load")?;
        let mut err = io::stderr().lock();
        for notice in notices {
            writeln!(err, "notice: {notice}")?;
        }
    }
    Ok(rules)
}

/// Colour only on a terminal, and never with NO_COLOR set.
fn colour(output: Option<&Path>) -> bool {
    output.is_none()
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A spinner on stderr for long runs; hidden when stderr is not a terminal.
fn progress() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

fn report_problems(problems: &[corpus::Problem]) -> Result<()> {
    let mut err = io::stderr().lock();
    for p in problems {
        let level = match p.severity {
            Severity::Warning => "warning",
            Severity::Unreadable => "error",
        };
        writeln!(err, "{level}: {}: {}", p.document, p.message)?;
    }
    Ok(())
}

/// Streams the corpus through extraction with a spinner, handing each
/// batch's claims to `each`; problems with documents go to stderr.
fn stream(
    rules: &RuleSet,
    input: &Input,
    each: &mut dyn FnMut(&[Claim]) -> Result<()>,
) -> Result<Streamed> {
    let bar = progress();
    let (mut docs, mut claims) = (0usize, 0usize);
    let streamed = stream::stream_with(
        rules,
        &input.paths,
        &input.read_options(),
        &mut io::stdin().lock(),
        &mut |batch, n| {
            docs += n;
            claims += batch.len();
            bar.set_message(format!("{docs} documents, {claims} claims"));
            bar.tick();
            each(batch)
        },
    )?;
    bar.finish_and_clear();
    report_problems(&streamed.problems)?;
    Ok(streamed)
}

/// Extracts and compares the whole input, keeping the keys `filter` passes.
fn analyze(rules: &RuleSet, input: &Input, filter: &Filter) -> Result<(Analysis, Streamed)> {
    if let Some(db) = &input.db {
        return store::analyze(rules, db, filter);
    }
    let mut claims = Vec::new();
    let streamed = stream(rules, input, &mut |batch| {
        claims.extend_from_slice(batch);
        Ok(())
    })?;
    let documents = streamed.documents.len();
    let problems = streamed.problems.clone();
    let mut analysis = Analysis::from_claims(&Standards::of(rules), claims, documents, problems)
        .with_documents(streamed.documents.clone());
    analysis.filter(filter);
    Ok((analysis, streamed))
}

/// Unreadable documents outrank a finding.
fn exit(unreadable: usize, finding: bool) -> Exit {
    if unreadable > 0 {
        Exit::InputError
    } else if finding {
        Exit::Finding
    } else {
        Exit::Success
    }
}

/// `extract`: JSONL is written batch by batch as documents are read; the
/// other formats need every claim first.
fn extract(rules: &RuleSet, input: &Input, format: Format) -> Result<Exit> {
    let output = input.output.as_deref();
    if let Some(db) = &input.db {
        let (analysis, _) = store::analyze(rules, db, &Filter::default())?;
        let subject = Subject::Claims(&analysis.claims);
        emit(output, |out| {
            Ok(format.render(subject, Style::default(), out)?)
        })?;
        return Ok(Exit::Success);
    }
    let streamed = if format == Format::ClaimsJsonl {
        let mut streamed = Streamed::default();
        emit(output, |out| {
            streamed = stream(rules, input, &mut |batch| {
                Ok(report::write_claims_jsonl(batch, out)?)
            })?;
            Ok(())
        })?;
        streamed
    } else {
        let mut claims = Vec::new();
        let streamed = stream(rules, input, &mut |batch| {
            claims.extend_from_slice(batch);
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

/// How `compare` and `report` show what they found.
struct Show<'a> {
    format: Format,
    fail_on_contradiction: bool,
    view: &'a ViewArgs,
    review: Option<&'a ReviewArgs>,
}

/// The graph for an HTML page, or why there is none.
fn page_graph(
    rules: &RuleSet,
    analysis: &Analysis,
    format: Format,
) -> (Option<String>, Option<String>) {
    if format != Format::ReportHtml {
        return (None, None);
    }
    match view::graph_svg(rules, analysis) {
        Ok(svg) => (Some(svg), None),
        Err(note) => (None, Some(note)),
    }
}

/// `compare` and `report`: the analysis filtered and rendered.
fn show(rules: &RuleSet, input: &Input, filter: &FilterArgs, how: &Show<'_>) -> Result<Exit> {
    let (analysis, streamed) = analyze(rules, input, &filter.resolve())?;
    let format = how.format;
    let (svg, note) = page_graph(rules, &analysis, format);
    let review = how.review;
    if format == Format::ReportClaimReview && review.is_none_or(|r| r.review_url.is_none()) {
        writeln!(
            io::stderr(),
            "warning: without --review-url the reviews have no `url`, which fact-check search requires"
        )?;
    }
    let style = Style {
        colour: colour(input.output.as_deref()),
        width: view::width(how.view.width, input.output.as_deref()),
        layout: how.view.layout.layout(),
        timeline: how.view.timeline,
        page: Page {
            graph_svg: svg.as_deref(),
            graph_note: note.as_deref(),
            author: review.and_then(|r| r.author.as_deref()),
            review_url: review.and_then(|r| r.review_url.as_deref()),
        },
        ..Style::default()
    };
    let subject = Subject::Analysis(&analysis);
    emit(input.output.as_deref(), |out| {
        Ok(format.render(subject, style, out)?)
    })?;
    let finding = how.fail_on_contradiction && analysis.has_contradiction();
    Ok(exit(corpus::unreadable(&streamed.problems), finding))
}

/// `graph`: the compact graph (of one entity's keys), or the full graph
/// (or one entity's neighbourhood in it).
fn graph(
    rules: &RuleSet,
    input: &Input,
    format: Format,
    entity: Option<&str>,
    full: bool,
) -> Result<Exit> {
    if let Some(id) = entity
        && rules.gazetteer.find_id(id).is_none()
    {
        anyhow::bail!("unknown entity \"{id}\"");
    }
    let filter = Filter {
        entities: entity
            .filter(|_| !full)
            .into_iter()
            .map(str::to_string)
            .collect(),
        ..Filter::default()
    };
    let (analysis, streamed) = analyze(rules, input, &filter)?;
    let graph = if full {
        let graph = ClaimGraph::build(
            &rules.gazetteer,
            &streamed.documents,
            &analysis.claims,
            &analysis.comparisons,
        );
        match entity {
            Some(id) => graph.neighbourhood(id),
            None => graph,
        }
    } else {
        ClaimGraph::compact(&rules.gazetteer, &streamed.documents, &analysis.comparisons)
    };
    let subject = Subject::Graph(&graph);
    emit(input.output.as_deref(), |out| {
        Ok(format.render(subject, Style::default(), out)?)
    })?;
    Ok(exit(corpus::unreadable(&streamed.problems), false))
}

/// `eval`: the score against gold, its warnings, and the floors it misses.
fn eval(
    rules: &RuleSet,
    input: &Input,
    gold: &Path,
    format: EvalFormat,
    verbose: bool,
    floors: &Floors,
) -> Result<Exit> {
    if input.db.is_some() {
        anyhow::bail!("eval scores a corpus against its gold; give the corpus, not --db");
    }
    let (evaluation, problems) = crosscheck::eval::run(
        rules,
        &input.paths,
        &input.read_options(),
        &mut io::stdin().lock(),
        gold,
    )?;
    report_problems(&problems)?;
    let style = Style {
        verbose,
        ..Style::default()
    };
    let subject = Subject::Evaluation(&evaluation);
    let format = format.format();
    emit(input.output.as_deref(), |out| {
        Ok(format.render(subject, style, out)?)
    })?;
    let unmet = floors.unmet(&evaluation);
    let mut err = io::stderr().lock();
    for warning in &evaluation.warnings {
        writeln!(err, "warning: {}: {warning}", gold.display())?;
    }
    for line in &unmet {
        writeln!(err, "floor not met: {line}")?;
    }
    Ok(exit(corpus::unreadable(&problems), !unmet.is_empty()))
}

/// `rules check`: every rule file loaded (already, by [`load_rules`]) and
/// every example run.
fn check_rules(rules: &RuleSet) -> Result<Exit> {
    let failures = check_examples(rules);
    let examples = count_examples(rules);
    let languages: Vec<&str> = rules
        .language_examples
        .iter()
        .map(|l| l.language.as_str())
        .collect();
    let mut out = io::stdout().lock();
    for f in &failures {
        writeln!(out, "FAIL {f}")?;
    }
    writeln!(
        out,
        "{} kinds, {} languages ({}), {} entities, {} rules, {} reference facts; {} of {} examples pass",
        rules.kinds.len(),
        languages.len(),
        languages.join(", "),
        rules.gazetteer.entities().len(),
        rules.rules.len(),
        rules.references.len(),
        examples - failures.len(),
        examples
    )?;
    Ok(if failures.is_empty() {
        Exit::Success
    } else {
        Exit::InputError
    })
}

/// Runs the command line.
pub fn run(args: Args) -> Result<Exit> {
    output::watch_signals()?;
    let rules = load_rules(&args)?;
    match &args.command {
        Command::Extract { input, format } => extract(&rules, input, format.format()),
        Command::Compare {
            input,
            filter,
            format,
            fail_on_contradiction,
            view,
        } => {
            let how = Show {
                format: format.format(),
                fail_on_contradiction: *fail_on_contradiction,
                view,
                review: None,
            };
            show(&rules, input, filter, &how)
        }
        Command::Report {
            input,
            filter,
            format,
            fail_on_contradiction,
            view,
            review,
        } => {
            let how = Show {
                format: format.format(),
                fail_on_contradiction: *fail_on_contradiction,
                view,
                review: Some(review),
            };
            show(&rules, input, filter, &how)
        }
        Command::Graph {
            input,
            format,
            entity,
            full,
        } => graph(&rules, input, format.format(), entity.as_deref(), *full),
        Command::Eval {
            input,
            gold,
            format,
            verbose,
            floors,
        } => eval(&rules, input, gold, *format, *verbose, floors),
        Command::Bench {
            articles,
            claims,
            seed,
            dir,
        } => {
            let options = crosscheck::bench::Options {
                articles: *articles,
                claims: *claims,
                seed: *seed,
                dir: dir.clone().unwrap_or_else(std::env::temp_dir),
            };
            crosscheck::bench::run(&rules, &options, &mut io::stdout().lock())?;
            Ok(Exit::Success)
        }
        Command::Rules {
            command: RulesCommand::Check,
        } => check_rules(&rules),
        Command::Ingest(ingest) => store::ingest(&args, &rules, ingest),
        Command::Db { command } => store::db(command),
        Command::Diff(diff) => store::diff(diff),
    }
}
