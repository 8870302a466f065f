//! The command line: arguments parsed ([`args`]), each command a call of
//! the library, its output written whole or not at all, and the exit code
//! it earns ([`Exit`]).

mod args;
mod diff;
mod entities;
mod gather;
mod output;
mod show;
mod store;
mod view;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressStyle};

pub use args::Args;
use args::{Command, EvalFormat, Floors, Input, RulesCommand};
use crosscheck::corpus::{self, Severity};
use crosscheck::extract::{check_examples, count_examples};
use crosscheck::report::{Style, Subject};
use crosscheck::rules::{self, RuleSet};
use output::emit;
use show::Show;

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
    /// Under `--fail-on-contradiction`, only reference facts are
    /// contradicted: no two independent sources contradict each other.
    ReferenceOnly,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Finding => 1,
            Exit::InputError => 2,
            Exit::ReferenceOnly => 3,
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

/// `bench`: the timings, on stdout as they come.
fn bench(rules: &RuleSet, command: &Command) -> Result<Exit> {
    let Command::Bench {
        articles,
        claims,
        report_claims,
        seed,
        dir,
    } = command
    else {
        return Ok(Exit::Success);
    };
    let options = crosscheck::bench::Options {
        articles: *articles,
        claims: *claims,
        report_sizes: report_claims.clone(),
        seed: *seed,
        dir: dir.clone().unwrap_or_else(std::env::temp_dir),
    };
    crosscheck::bench::run(rules, &options, &mut io::stdout().lock())?;
    Ok(Exit::Success)
}

/// Runs the command line.
pub fn run(args: Args) -> Result<Exit> {
    output::watch_signals()?;
    if let Command::Entities { command } = &args.command {
        return entities::run(args.rules.as_deref(), command);
    }
    let rules = load_rules(&args)?;
    match &args.command {
        Command::Extract {
            input,
            format,
            claims_only,
        } => gather::extract(&rules, input, format.format(), *claims_only),
        Command::Compare {
            input,
            source,
            filter,
            format,
            fail_on_contradiction,
            view,
        } => {
            let how = Show::new(format.format(), *fail_on_contradiction, view, None, source);
            show::show(&rules, input, filter, &how)
        }
        Command::Report {
            input,
            source,
            filter,
            format,
            fail_on_contradiction,
            view,
            review,
        } => {
            let how = Show::new(
                format.format(),
                *fail_on_contradiction,
                view,
                Some(review),
                source,
            );
            show::show(&rules, input, filter, &how)
        }
        Command::Graph {
            input,
            source,
            format,
            entity,
            full,
        } => show::graph(
            &rules,
            input,
            source,
            format.format(),
            entity.as_deref(),
            *full,
        ),
        Command::Diff(d) => diff::diff(&rules, d),
        Command::Eval {
            input,
            gold,
            format,
            verbose,
            floors,
        } => eval(&rules, input, gold, *format, *verbose, floors),
        Command::Bench { .. } => bench(&rules, &args.command),
        Command::Rules {
            command: RulesCommand::Check,
        } => check_rules(&rules),
        Command::Entities { command } => entities::run(args.rules.as_deref(), command),
        Command::Ingest(_) | Command::Db { .. } => store::run(&args, &rules),
    }
}
