//! The report stage only renders: each [`Format`] is one writer over what
//! the stages below computed (claims, the comparison [`Analysis`], the
//! claim graph, an evaluation), writing to a writer it is handed.

mod cards;
mod claimreview;
mod csv;
mod dot;
mod eval;
mod graphml;
mod html;
mod json;
mod markdown;
mod rows;
mod shown;
mod table;
mod wrap;

pub use cards::write_report_cards;
pub use claimreview::write_claimreview;
pub use csv::{REPORT_COLUMNS, write_claims_csv, write_report_csv};
pub use dot::write_dot;
pub use eval::{write_eval_json, write_eval_table};
pub use graphml::write_graphml;
pub use html::{anchor, write_report_html};
pub use json::{
    write_claims_json, write_claims_jsonl, write_comparisons_json, write_documents_jsonl,
    write_problems_jsonl, write_report_json,
};
pub use markdown::{cell as markdown_cell, write_report_markdown};
pub use shown::shown;
pub use table::{write_claims_table, write_comparisons_table, write_report_table, write_summary};
pub use wrap::width as display_width;

use std::io::{self, Write};

use crate::claim::Claim;
use crate::compare::Analysis;
use crate::eval::Evaluation;
use crate::graph::ClaimGraph;

/// Every way crosscheck writes what it found. Each variant is one writer
/// over what it renders: claims and comparisons over the [`Analysis`], the
/// graph formats over a [`ClaimGraph`], the eval formats over an
/// [`Evaluation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Claims, one JSON object a line (also written batch by batch: [`write_claims_jsonl`]).
    ClaimsJsonl,
    /// Claims as one JSON array.
    ClaimsJson,
    /// Claims as CSV, cells safe from spreadsheet formulas.
    ClaimsCsv,
    /// Claims as a terminal table.
    ClaimsTable,
    /// Comparisons as a JSON array.
    ComparisonsJson,
    /// Comparisons as a terminal table.
    ComparisonsTable,
    /// Comparisons as CSV, one row a claim (the report's CSV).
    ComparisonsCsv,
    /// The consistency report as a terminal table.
    ReportTable,
    /// The consistency report in Markdown.
    ReportMarkdown,
    /// The consistency report as JSON.
    ReportJson,
    /// The consistency report as one self-contained HTML page.
    ReportHtml,
    /// The consistency report as CSV, one row a claim.
    ReportCsv,
    /// schema.org ClaimReview JSON-LD, one a contested or
    /// reference-contradicting key.
    ReportClaimReview,
    /// The claim graph in Graphviz DOT.
    GraphDot,
    /// The claim graph in GraphML.
    GraphMl,
    /// An evaluation as tables (`verbose`: every miss and false claim).
    EvalTable,
    /// An evaluation as JSON.
    EvalJson,
}

/// What a format renders.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// Claims alone.
    Claims(&'a [Claim]),
    /// Claims and comparisons of a run.
    Analysis(&'a Analysis),
    /// The claim graph.
    Graph(&'a ClaimGraph),
    /// A score against gold.
    Evaluation(&'a Evaluation),
}

/// The width of terminal output when the caller knows none (piped).
pub const DEFAULT_WIDTH: usize = 100;

/// How the terminal report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One row a claim.
    #[default]
    Table,
    /// One block a key.
    Cards,
}

/// What a page (HTML, ClaimReview) carries besides the analysis: the
/// graph the caller drew, and who publishes the review where.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page<'a> {
    /// The claim graph as SVG, to inline.
    pub graph_svg: Option<&'a str>,
    /// Why there is no graph (Graphviz missing, graph too large).
    pub graph_note: Option<&'a str>,
    /// The reviewing organisation (ClaimReview `author`).
    pub author: Option<&'a str>,
    /// The page the review is published on (ClaimReview `url`).
    pub review_url: Option<&'a str>,
}

/// How a format is written.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    /// ANSI colours in tables.
    pub colour: bool,
    /// Every detail (eval: each miss and false claim).
    pub verbose: bool,
    /// Terminal columns text output may take.
    pub width: usize,
    /// Table or cards, for the terminal report.
    pub layout: Layout,
    /// A key's claims by publication date instead of by version.
    pub timeline: bool,
    /// What a page carries.
    pub page: Page<'a>,
}

impl Default for Style<'_> {
    fn default() -> Self {
        Style {
            colour: false,
            verbose: false,
            width: DEFAULT_WIDTH,
            layout: Layout::Table,
            timeline: false,
            page: Page::default(),
        }
    }
}

impl Format {
    /// Writes `subject` in this format; a subject the format does not
    /// render (a graph as a claims table) is an `InvalidInput` error.
    pub fn render(
        self,
        subject: Subject<'_>,
        style: Style<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        use Format::*;
        let subject = match subject {
            Subject::Analysis(a)
                if matches!(self, ClaimsJsonl | ClaimsJson | ClaimsCsv | ClaimsTable) =>
            {
                Subject::Claims(&a.claims)
            }
            other => other,
        };
        match (self, subject) {
            (ClaimsJsonl, Subject::Claims(c)) => write_claims_jsonl(c, out),
            (ClaimsJson, Subject::Claims(c)) => write_claims_json(c, out),
            (ClaimsCsv, Subject::Claims(c)) => write_claims_csv(c, out),
            (ClaimsTable, Subject::Claims(c)) => write_claims_table(c, style.width, out),
            (ComparisonsJson, Subject::Analysis(a)) => write_comparisons_json(&a.comparisons, out),
            (ComparisonsTable, Subject::Analysis(a)) => write_comparisons_table(a, &style, out),
            (ComparisonsCsv | ReportCsv, Subject::Analysis(a)) => write_report_csv(a, &style, out),
            (ReportTable, Subject::Analysis(a)) if style.layout == Layout::Cards => {
                write_report_cards(a, &style, out)
            }
            (ReportTable, Subject::Analysis(a)) => write_report_table(a, &style, out),
            (ReportMarkdown, Subject::Analysis(a)) => write_report_markdown(a, &style, out),
            (ReportJson, Subject::Analysis(a)) => write_report_json(a, out),
            (ReportHtml, Subject::Analysis(a)) => write_report_html(a, &style, out),
            (ReportClaimReview, Subject::Analysis(a)) => write_claimreview(a, &style, out),
            (GraphDot, Subject::Graph(g)) => write_dot(g, out),
            (GraphMl, Subject::Graph(g)) => write_graphml(g, out),
            (EvalTable, Subject::Evaluation(e)) => write_eval_table(e, style.verbose, out),
            (EvalJson, Subject::Evaluation(e)) => write_eval_json(e, style.verbose, out),
            (format, _) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{format:?} does not render this"),
            )),
        }
    }
}
