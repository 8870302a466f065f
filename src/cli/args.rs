//! The command line's arguments (clap), and how each format argument
//! names one of the library's report formats.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::compare::{Filter, Partition};
use crosscheck::corpus::{MB, ReadOptions};
use crosscheck::eval::{Evaluation, percent};
use crosscheck::report::{Format, Layout};

/// What `--help` says of exit codes (README, "Exit codes").
const EXIT_CODES: &str = "\
Exit codes:
  0  ok
  1  a contradiction between independent sources, with --fail-on-contradiction
     (diff: a new one, with --fail-on-new-contradiction; eval: a floor not met)
  2  usage or input error: bad arguments, rules or review file, unreadable input
  3  only contradictions with reference facts, with --fail-on-contradiction";

/// Extract claims from news articles and report where outlets agree and contradict.
#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about,
    max_term_width = 100,
    after_help = EXIT_CODES
)]
pub struct Args {
    /// Rule directory to use instead of the bundled rules (kinds.yaml, entities/, claims/, reference/).
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// A YAML file of reference facts (`facts:` as in rules/reference/) to check claims against; repeatable.
    #[arg(long = "reference", global = true, value_name = "FILE")]
    pub references: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The corpus paths every reading command takes.
#[derive(Debug, clap::Args)]
pub struct Input {
    /// Directory with manifest.yaml, directory of .txt/.md files, .jsonl file, single file, or - for JSONL on stdin.
    #[arg(required_unless_present = "db", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read the claims standing in this store (`crosscheck ingest`) instead of a corpus.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub db: Option<PathBuf>,
    /// Write to FILE (whole or not at all) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The largest document read, in MB (a file, or one JSONL line); larger ones are skipped and counted.
    #[arg(long, value_name = "MB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_document_mb: u64,
    /// Read manifest entries and symbolic links that resolve outside their corpus directory.
    #[arg(long)]
    pub allow_outside: bool,
}

impl Input {
    /// How documents are read.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_document_bytes: self.max_document_mb * MB,
            allow_outside: self.allow_outside,
        }
    }
}

/// Which keys to show.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// Only keys of this kind (repeatable; an unknown kind is an error).
    #[arg(long = "kind", value_name = "KIND")]
    kinds: Vec<String>,
    /// Only keys about this entity, as subject or qualifier: its id (tal-afar) or a name
    /// (تلعفر, Tal Afar); repeatable. An unknown one is an error.
    #[arg(long = "entity", value_name = "ID|NAME")]
    entities: Vec<String>,
    /// Only keys with this verdict or grade (contradict, compatible, agree, single-source,
    /// contradicts-reference, contested, corroborated, matches-reference; repeatable).
    #[arg(long = "verdict", value_name = "VERDICT")]
    verdicts: Vec<String>,
    /// Only keys with at least N independent sources.
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_sources: usize,
    /// Judge only the keys whose hash falls in partition I of N (0 <= I < N); the N partitions
    /// together judge every key once (examples/spark).
    #[arg(long, value_name = "I/N", value_parser = |s: &str| Partition::parse(s).map_err(|e| e.to_string()))]
    partition: Option<Partition>,
}

impl FilterArgs {
    /// The filter as given, entities not yet resolved from names to ids.
    pub fn given(&self) -> Filter {
        Filter {
            kinds: self.kinds.clone(),
            entities: self.entities.clone(),
            verdicts: self.verdicts.clone(),
            min_sources: self.min_sources,
            partition: self.partition,
        }
    }
}

/// Where `compare`, `report` and `graph` take claims from, and the
/// reviewer's corrections applied to them.
#[derive(Debug, clap::Args)]
pub struct SourceArgs {
    /// The PATHs are claims saved by `extract --format jsonl` (- for stdin): judge them
    /// without re-reading the articles.
    #[arg(long)]
    pub claims: bool,
    /// Apply this reviewer's corrections (docs/review.md); default: review.yaml beside the corpus.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    /// Apply no corrections, not even a review.yaml found beside the corpus.
    #[arg(long, conflicts_with = "review")]
    pub no_review: bool,
}

/// How terminal output is laid out.
#[derive(Debug, clap::Args)]
pub struct ViewArgs {
    /// Columns the output may take (default: the terminal's width, or 100 when piped).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// The terminal report as a table (a row a claim) or as cards (a block a key).
    #[arg(long, value_enum, default_value_t = LayoutArg::Table)]
    pub layout: LayoutArg,
    /// List each key's claims by publication date: who said what when.
    #[arg(long)]
    pub timeline: bool,
}

/// The fact-checker publishing a ClaimReview.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The reviewing organisation (ClaimReview `author`).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// The page the review is published on (ClaimReview `url`; each key gets its anchor).
    #[arg(long, value_name = "URL")]
    pub review_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claims.
    Extract {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// JSONL: claims only, without the document and problem lines that let
        /// `report --claims` say all a report says.
        #[arg(long)]
        claims_only: bool,
    },
    /// Compare claims key by key.
    Compare {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        source: SourceArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// Exit with 1 when independent sources contradict each other, with 3 when only
        /// reference facts are contradicted.
        #[arg(long)]
        fail_on_contradiction: bool,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// The consistency report: summary, then every key with its versions, sources and verdict.
    Report {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        source: SourceArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Exit with 1 when independent sources contradict each other, with 3 when only
        /// reference facts are contradicted.
        #[arg(long)]
        fail_on_contradiction: bool,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        review: ReviewArgs,
    },
    /// Export the claim graph.
    Graph {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        source: SourceArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Only this entity's neighbourhood (an entity id such as tal-afar).
        #[arg(long, value_name = "ID")]
        entity: Option<String>,
        /// The full graph: every outlet, document and claim (default: entities, keys, versions).
        #[arg(long)]
        full: bool,
    },
    /// What changed between two runs: two `report --format json` files (or two claim files
    /// from `extract`): claims added and removed, keys whose verdict or grade changed, new
    /// contradictions first.
    Diff(DiffArgs),
    /// Time extraction and comparison on a generated corpus (see README: Benchmark).
    Bench {
        /// Articles to generate (about 1.5 KB each).
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Synthetic claims to compare.
        #[arg(long, default_value_t = 1_000_000)]
        claims: usize,
        /// Claim counts to time every report format at, comma-separated (0: skip).
        #[arg(long, value_name = "N,N", value_delimiter = ',', default_values_t = [100_000, 1_000_000])]
        report_claims: Vec<usize>,
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
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        /// List every miss, false claim and pair, each with its cause.
        #[arg(short, long)]
        verbose: bool,
        #[command(flatten)]
        floors: Floors,
    },
    /// Work with entity files: import places from a gazetteer (see README: Entities).
    Entities {
        #[command(subcommand)]
        command: super::entities::EntitiesCommand,
    },
    /// Add a corpus to a store: extract new and changed documents, compare, record the run.
    Ingest(super::store::IngestArgs),
    /// Work with a store: check it, list its runs, write its Datasette metadata.
    Db {
        #[command(subcommand)]
        command: super::store::DbCommand,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

/// The two runs `diff` compares, and how it reports.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier run.
    #[arg(required_unless_present = "db")]
    pub old: Option<PathBuf>,
    /// The later run.
    #[arg(required_unless_present = "db")]
    pub new: Option<PathBuf>,
    /// Compare runs of this store (`crosscheck ingest`) instead of two files.
    #[arg(long, value_name = "FILE", requires = "since", conflicts_with_all = ["old", "new"])]
    pub db: Option<PathBuf>,
    /// With --db: the run to compare the latest against (`crosscheck db runs` lists them).
    #[arg(long, value_name = "RUN", requires = "db")]
    pub since: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Exit with 1 when the later run has a contradiction the earlier did not.
    #[arg(long)]
    pub fail_on_new_contradiction: bool,
    /// Write to FILE (whole or not at all) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Accuracy floors: `eval` exits with 1 when one is not met.
#[derive(Debug, clap::Args)]
pub struct Floors {
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
    pub fn unmet(&self, eval: &Evaluation) -> Vec<String> {
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
pub enum RulesCommand {
    /// Validate every rule file and run every rule's examples.
    Check,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Json,
    Table,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Table,
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Md,
    Json,
    Html,
    Csv,
    Claimreview,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LayoutArg {
    Table,
    Cards,
}

impl LayoutArg {
    /// The library's layout.
    pub fn layout(self) -> Layout {
        match self {
            LayoutArg::Table => Layout::Table,
            LayoutArg::Cards => Layout::Cards,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Graphml,
}

impl ExtractFormat {
    /// The report format it names.
    pub fn format(self) -> Format {
        match self {
            ExtractFormat::Jsonl => Format::ClaimsJsonl,
            ExtractFormat::Json => Format::ClaimsJson,
            ExtractFormat::Table => Format::ClaimsTable,
            ExtractFormat::Csv => Format::ClaimsCsv,
        }
    }
}

impl CompareFormat {
    /// The comparison format it names.
    pub fn format(self) -> Format {
        match self {
            CompareFormat::Table => Format::ComparisonsTable,
            CompareFormat::Json => Format::ComparisonsJson,
            CompareFormat::Csv => Format::ComparisonsCsv,
        }
    }
}

impl EvalFormat {
    /// The eval format it names.
    pub fn format(self) -> Format {
        match self {
            EvalFormat::Table => Format::EvalTable,
            EvalFormat::Json => Format::EvalJson,
        }
    }
}

impl ReportFormat {
    /// The report format it names.
    pub fn format(self) -> Format {
        match self {
            ReportFormat::Table => Format::ReportTable,
            ReportFormat::Md => Format::ReportMarkdown,
            ReportFormat::Json => Format::ReportJson,
            ReportFormat::Html => Format::ReportHtml,
            ReportFormat::Csv => Format::ReportCsv,
            ReportFormat::Claimreview => Format::ReportClaimReview,
        }
    }
}

impl GraphFormat {
    /// The graph format it names.
    pub fn format(self) -> Format {
        match self {
            GraphFormat::Dot => Format::GraphDot,
            GraphFormat::Graphml => Format::GraphMl,
        }
    }
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
