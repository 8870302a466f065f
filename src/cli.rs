//! The command line: clap arguments, resolved into a run of the library,
//! and the exit code it earns (0 ok, 1 contradictions with
//! `--fail-on-contradiction`, 2 usage or input error).

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crosscheck::claim::Claim;
use crosscheck::corpus::{self, Severity};
use crosscheck::eval::{self, Evaluation, Gold, percent};
use crosscheck::extract::check_examples;
use crosscheck::graph::ClaimGraph;
use crosscheck::pipeline::{self, Streamed};
use crosscheck::report::{self, Analysis, Filter};
use crosscheck::rules::{self, RuleSet};

/// Extract claims from news articles and report where outlets agree and contradict.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, max_term_width = 100)]
pub struct Args {
    /// Rule directory to use instead of the bundled rules (kinds.yaml, entities/, claims/, reference/).
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// A YAML file of reference facts (`facts:` as in rules/reference/) to check claims against; repeatable.
    #[arg(long = "reference", global = true, value_name = "FILE")]
    references: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The corpus paths every reading command takes.
#[derive(Debug, clap::Args)]
struct Input {
    /// Directory with manifest.yaml, directory of .txt/.md files, .jsonl file, single file, or - for JSONL on stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write to FILE (whole or not at all) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Which keys to show.
#[derive(Debug, clap::Args)]
struct FilterArgs {
    /// Only keys of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND")]
    kinds: Vec<String>,
    /// Only keys about this entity id, as subject or qualifier (repeatable).
    #[arg(long = "entity", value_name = "ID")]
    entities: Vec<String>,
    /// Only keys with this verdict or grade (contradict, compatible, agree, single-source,
    /// contradicts-reference, contested, corroborated, matches-reference; repeatable).
    #[arg(long = "verdict", value_name = "VERDICT")]
    verdicts: Vec<String>,
    /// Only keys with at least N independent sources.
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_sources: usize,
}

impl FilterArgs {
    fn resolve(&self) -> Filter {
        Filter {
            kinds: self.kinds.clone(),
            entities: self.entities.clone(),
            verdicts: self.verdicts.clone(),
            min_sources: self.min_sources,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract claims.
    Extract {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
    },
    /// Compare claims key by key.
    Compare {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// Exit with 1 when a contradiction is found.
        #[arg(long)]
        fail_on_contradiction: bool,
    },
    /// The consistency report: summary, then every key with its versions, sources and verdict.
    Report {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Exit with 1 when a contradiction is found.
        #[arg(long)]
        fail_on_contradiction: bool,
    },
    /// Export the claim graph.
    Graph {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Only this entity's neighbourhood (an entity id such as tal-afar).
        #[arg(long, value_name = "ID")]
        entity: Option<String>,
    },
    /// Time extraction and comparison on a generated corpus (see README: Benchmark).
    Bench {
        /// Articles to generate (about 1.5 KB each).
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Synthetic claims to compare.
        #[arg(long, default_value_t = 1_000_000)]
        claims: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Directory for the generated corpus (default: the system temp directory).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Score the claims and comparisons of an annotated corpus against its gold (docs/eval.md).
    Eval {
        #[command(flatten)]
        input: Input,
        /// The gold annotation (YAML: documents, traps, pairs).
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// List every miss, false claim and pair, each with its cause.
        #[arg(short, long)]
        verbose: bool,
        #[command(flatten)]
        floors: Floors,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

/// Accuracy floors: `eval` exits with 1 when one is not met.
#[derive(Debug, clap::Args)]
struct Floors {
    /// Loose recall below this percentage fails.
    #[arg(long, value_name = "PCT", value_parser = percentage)]
    min_recall: Option<f64>,
    /// Loose precision below this percentage fails.
    #[arg(long, value_name = "PCT", value_parser = percentage)]
    min_precision: Option<f64>,
    /// More traps hit than this fails.
    #[arg(long, value_name = "N")]
    max_traps: Option<usize>,
    /// A share of gold pairs judged right below this percentage fails.
    #[arg(long, value_name = "PCT", value_parser = percentage)]
    min_pairs: Option<f64>,
}

fn percentage(text: &str) -> Result<f64, String> {
    match text.trim_end_matches('%').parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("\"{text}\" is not a percentage from 0 to 100")),
    }
}

impl Floors {
    /// The floors the evaluation falls below, in words.
    fn unmet(&self, eval: &Evaluation) -> Vec<String> {
        let r = eval.recall.overall;
        let p = eval.precision;
        let figures = [
            ("recall", self.min_recall, percent(r.loose, r.gold)),
            ("precision", self.min_precision, percent(p.loose, p.claims)),
            (
                "pairs right",
                self.min_pairs,
                percent(eval.pairs_right(), eval.pairs.len()),
            ),
        ];
        let mut unmet: Vec<String> = figures
            .into_iter()
            .filter_map(|(name, floor, got)| {
                floor
                    .filter(|f| got + 1e-9 < *f)
                    .map(|f| format!("{name} {got:.1}% is below the floor of {f}%"))
            })
            .collect();
        if let Some(max) = self.max_traps
            && eval.trap_hits.len() > max
        {
            unmet.push(format!(
                "{} traps hit, more than the {max} allowed",
                eval.trap_hits.len()
            ));
        }
        unmet
    }
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate every rule file and run every rule's examples.
    Check,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Json,
    Table,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CompareFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GraphFormat {
    Dot,
    Graphml,
}

/// Exit code for usage and input errors.
pub const INPUT_ERROR: u8 = 2;
/// Exit code for contradictions under `--fail-on-contradiction`.
pub const CONTRADICTION: u8 = 1;
/// Exit code of `eval` when an accuracy floor is not met.
pub const FLOOR_NOT_MET: u8 = 1;

fn load_rules(args: &Args) -> Result<RuleSet> {
    let mut rules = rules::load(args.rules.as_deref()).context("the rules do not load")?;
    for path in &args.references {
        rules::add_references(&mut rules, path).context("the reference facts do not load")?;
    }
    Ok(rules)
}

/// Colour only on a terminal, and never with NO_COLOR set.
fn colour(output: Option<&Path>) -> bool {
    output.is_none()
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Renders into `path` through a temporary file renamed into place (so the
/// file is whole or absent), or to stdout.
fn emit(output: Option<&Path>, render: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match output {
        Some(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
            let written = (|| -> Result<()> {
                let file = fs::File::create(&tmp)
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                let mut out = BufWriter::new(file);
                render(&mut out)?;
                out.flush()?;
                out.get_ref().sync_all()?;
                fs::rename(&tmp, path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            })();
            if written.is_err() {
                let _ = fs::remove_file(&tmp);
            }
            written
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            render(&mut out)?;
            out.flush()?;
            Ok(())
        }
    }
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

/// Streams the corpus through extraction, handing each batch's claims to `each`.
fn stream(
    rules: &RuleSet,
    input: &Input,
    each: &mut dyn FnMut(&[Claim]) -> Result<()>,
) -> Result<Streamed> {
    let bar = progress();
    let (mut docs, mut claims) = (0usize, 0usize);
    let streamed = pipeline::stream(
        rules,
        &input.paths,
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

/// Extracts every claim of the input into memory.
fn collect(rules: &RuleSet, input: &Input) -> Result<(Vec<Claim>, Streamed)> {
    let mut claims = Vec::new();
    let streamed = stream(rules, input, &mut |batch| {
        claims.extend_from_slice(batch);
        Ok(())
    })?;
    Ok((claims, streamed))
}

/// Extracts and compares the whole input, keeping the keys `filter` passes.
fn analyze(rules: &RuleSet, input: &Input, filter: &Filter) -> Result<(Analysis, Streamed)> {
    let (claims, streamed) = collect(rules, input)?;
    let mut analysis = Analysis::from_claims(
        rules,
        claims,
        streamed.documents.len(),
        streamed.problems.clone(),
    );
    analysis.filter(filter);
    Ok((analysis, streamed))
}

/// Reads an annotated corpus whole, extracts and compares it, and scores
/// the run against the gold; also returns the number of unreadable documents.
fn evaluate(rules: &RuleSet, input: &Input, gold_path: &Path) -> Result<(Evaluation, usize)> {
    let gold = Gold::load(gold_path)?;
    let corpus = corpus::load(&input.paths, &mut io::stdin().lock())?;
    report_problems(&corpus.problems)?;
    let ids = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    let errors = gold.check(&gold_path.display().to_string(), &ids);
    if !errors.is_empty() {
        return Err(crosscheck::Error::Gold(errors).into());
    }
    let claims = pipeline::extract_all(rules, &corpus.documents);
    let comparisons = crosscheck::compare::compare(rules, &claims);
    let kinds: Vec<&str> = rules.kinds.keys().map(String::as_str).collect();
    let run = eval::Run {
        documents: &corpus.documents,
        claims: &claims,
        comparisons: &comparisons,
        kinds: &kinds,
    };
    Ok((eval::evaluate(&gold, &run), corpus.unreadable()))
}

fn exit_code(streamed: &Streamed, contradiction: bool) -> ExitCode {
    if corpus::unreadable(&streamed.problems) > 0 {
        ExitCode::from(INPUT_ERROR)
    } else if contradiction {
        ExitCode::from(CONTRADICTION)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs the command line.
pub fn run(args: Args) -> Result<ExitCode> {
    let rules = load_rules(&args)?;
    match &args.command {
        Command::Extract { input, format } => {
            let mut streamed = Streamed::default();
            match format {
                ExtractFormat::Jsonl => emit(input.output.as_deref(), |out| {
                    streamed = stream(&rules, input, &mut |batch| {
                        Ok(report::write_claims_jsonl(batch, out)?)
                    })?;
                    Ok(())
                })?,
                ExtractFormat::Json | ExtractFormat::Table | ExtractFormat::Csv => {
                    let (claims, s) = collect(&rules, input)?;
                    streamed = s;
                    emit(input.output.as_deref(), |out| {
                        Ok(match format {
                            ExtractFormat::Json => report::write_claims_json(&claims, out),
                            ExtractFormat::Csv => report::write_claims_csv(&claims, out),
                            _ => report::write_claims_table(&claims, out),
                        }?)
                    })?;
                }
            }
            Ok(exit_code(&streamed, false))
        }
        Command::Compare {
            input,
            filter,
            format,
            fail_on_contradiction,
        } => {
            let (analysis, streamed) = analyze(&rules, input, &filter.resolve())?;
            let colour = colour(input.output.as_deref());
            emit(input.output.as_deref(), |out| {
                Ok(match format {
                    CompareFormat::Json => {
                        report::write_comparisons_json(&analysis.comparisons, out)
                    }
                    CompareFormat::Table => report::write_comparisons_table(&analysis, colour, out),
                }?)
            })?;
            Ok(exit_code(
                &streamed,
                *fail_on_contradiction && analysis.has_contradiction(),
            ))
        }
        Command::Report {
            input,
            filter,
            format,
            fail_on_contradiction,
        } => {
            let (analysis, streamed) = analyze(&rules, input, &filter.resolve())?;
            let colour = colour(input.output.as_deref());
            emit(input.output.as_deref(), |out| {
                Ok(match format {
                    ReportFormat::Table => report::write_report_table(&analysis, colour, out),
                    ReportFormat::Md => report::write_report_markdown(&analysis, out),
                    ReportFormat::Json => report::write_report_json(&analysis, out),
                }?)
            })?;
            Ok(exit_code(
                &streamed,
                *fail_on_contradiction && analysis.has_contradiction(),
            ))
        }
        Command::Graph {
            input,
            format,
            entity,
        } => {
            if let Some(id) = entity
                && rules.gazetteer.find_id(id).is_none()
            {
                anyhow::bail!("unknown entity \"{id}\"");
            }
            let (analysis, streamed) = analyze(&rules, input, &Filter::default())?;
            let mut graph = ClaimGraph::build(
                &rules,
                &streamed.documents,
                &analysis.claims,
                &analysis.comparisons,
            );
            if let Some(id) = entity {
                graph = graph.neighbourhood(id);
            }
            emit(input.output.as_deref(), |out| {
                Ok(match format {
                    GraphFormat::Dot => report::write_dot(&graph, out),
                    GraphFormat::Graphml => report::write_graphml(&graph, out),
                }?)
            })?;
            Ok(exit_code(&streamed, false))
        }
        Command::Eval {
            input,
            gold,
            format,
            verbose,
            floors,
        } => {
            let (evaluation, unreadable) = evaluate(&rules, input, gold)?;
            emit(input.output.as_deref(), |out| {
                Ok(match format {
                    CompareFormat::Table => report::write_eval_table(&evaluation, *verbose, out),
                    CompareFormat::Json => report::write_eval_json(&evaluation, *verbose, out),
                }?)
            })?;
            let unmet = floors.unmet(&evaluation);
            let mut err = io::stderr().lock();
            for warning in &evaluation.warnings {
                writeln!(err, "warning: {}: {warning}", gold.display())?;
            }
            for line in &unmet {
                writeln!(err, "floor not met: {line}")?;
            }
            Ok(if unreadable > 0 {
                ExitCode::from(INPUT_ERROR)
            } else if !unmet.is_empty() {
                ExitCode::from(FLOOR_NOT_MET)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Bench {
            articles,
            claims,
            seed,
            dir,
        } => bench(&rules, *articles, *claims, *seed, dir.as_deref()),
        Command::Rules {
            command: RulesCommand::Check,
        } => {
            let failures = check_examples(&rules);
            let examples: usize = rules.rules.iter().map(|r| r.examples.len()).sum();
            let mut out = io::stdout().lock();
            for f in &failures {
                writeln!(out, "FAIL {f}")?;
            }
            writeln!(
                out,
                "{} kinds, {} entities, {} rules, {} reference facts; {} of {} examples pass",
                rules.kinds.len(),
                rules.gazetteer.entities().len(),
                rules.rules.len(),
                rules.references.len(),
                examples - failures.len(),
                examples
            )?;
            Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(INPUT_ERROR)
            })
        }
    }
}

/// Extracts the corpus at `path` on `threads` threads (0: all), writing the
/// claims as JSONL to nowhere; returns (seconds, claims).
fn time_extraction(rules: &RuleSet, path: &Path, threads: usize) -> Result<(f64, usize)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let input = Input {
        paths: vec![path.to_path_buf()],
        output: None,
    };
    let start = Instant::now();
    let mut count = 0usize;
    let mut sink = io::sink();
    pool.install(|| {
        stream(rules, &input, &mut |batch| {
            count += batch.len();
            Ok(report::write_claims_jsonl(batch, &mut sink)?)
        })
    })?;
    Ok((start.elapsed().as_secs_f64(), count))
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or("unknown".into(), |b| {
        format!("{:.0} MiB", b as f64 / (1024.0 * 1024.0))
    })
}

/// The `bench` command: generate, extract (one thread, all threads), time
/// ripgrep's count of digit lines as a floor, compare synthetic claims.
fn bench(
    rules: &RuleSet,
    articles: usize,
    claims: usize,
    seed: u64,
    dir: Option<&Path>,
) -> Result<ExitCode> {
    let dir = dir.map_or_else(std::env::temp_dir, Path::to_path_buf);
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("crosscheck-bench-{articles}-{seed}.jsonl"));
    let mut out = io::stdout().lock();
    let start = Instant::now();
    let bytes = {
        let mut file = BufWriter::new(fs::File::create(&path)?);
        let bytes = crosscheck::bench::write_corpus(articles, seed, &mut file)?;
        file.flush()?;
        bytes
    };
    let mb = bytes as f64 / 1e6;
    writeln!(
        out,
        "corpus: {articles} articles, {mb:.1} MB, generated in {:.1} s ({})",
        start.elapsed().as_secs_f64(),
        path.display()
    )?;
    let (one, found) = time_extraction(rules, &path, 1)?;
    writeln!(
        out,
        "extraction, 1 thread: {one:.2} s, {:.1} MB/s, {found} claims",
        mb / one
    )?;
    let threads = rayon::current_num_threads();
    let (all, _) = time_extraction(rules, &path, 0)?;
    writeln!(
        out,
        "extraction, {threads} threads: {all:.2} s, {:.1} MB/s",
        mb / all
    )?;
    writeln!(
        out,
        "peak memory after extraction: {}",
        mib(crosscheck::bench::peak_memory())
    )?;
    let rg_start = Instant::now();
    match std::process::Command::new("rg")
        .args(["-c", "[0-9٠-٩]"])
        .arg(&path)
        .output()
    {
        Ok(o) if o.status.success() => {
            let rg = rg_start.elapsed().as_secs_f64();
            writeln!(
                out,
                "ripgrep floor (rg -c '[0-9٠-٩]'): {rg:.2} s, {:.0} MB/s; extraction on 1 thread is {:.1}x that",
                mb / rg,
                one / rg
            )?;
        }
        _ => writeln!(
            out,
            "ripgrep floor: rg not installed (apt-get install ripgrep), skipped"
        )?,
    }
    let synthetic = crosscheck::bench::synthetic_claims(claims, (claims / 50).max(1), seed);
    let start = Instant::now();
    let comparisons = crosscheck::compare::compare(rules, &synthetic);
    let secs = start.elapsed().as_secs_f64();
    writeln!(
        out,
        "comparison: {claims} claims on {} keys in {secs:.2} s, {:.0} claims/s",
        comparisons.len(),
        claims as f64 / secs
    )?;
    writeln!(
        out,
        "peak memory overall: {}",
        mib(crosscheck::bench::peak_memory())
    )?;
    let _ = fs::remove_file(&path);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        Args::command().debug_assert();
    }
}
