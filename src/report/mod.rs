//! The report stage only renders: each [`Format`] is one writer over what
//! the stages below computed (claims, the comparison [`Analysis`], the
//! claim graph, an evaluation), writing to a writer it is handed.

mod csv;
mod dot;
mod eval;
mod graphml;
mod json;
mod markdown;
mod shown;
mod table;

pub use csv::write_claims_csv;
pub use dot::write_dot;
pub use eval::{write_eval_json, write_eval_table};
pub use graphml::write_graphml;
pub use json::{write_claims_json, write_claims_jsonl, write_comparisons_json, write_report_json};
pub use markdown::write_report_markdown;
pub use shown::shown;
pub use table::{write_claims_table, write_comparisons_table, write_report_table, write_summary};

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
    /// The consistency report as a terminal table.
    ReportTable,
    /// The consistency report in Markdown.
    ReportMarkdown,
    /// The consistency report as JSON.
    ReportJson,
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

/// How a format is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours in tables.
    pub colour: bool,
    /// Every detail (eval: each miss and false claim).
    pub verbose: bool,
}

impl Format {
    /// Writes `subject` in this format; a subject the format does not
    /// render (a graph as a claims table) is an `InvalidInput` error.
    pub fn render(self, subject: Subject<'_>, style: Style, out: &mut dyn Write) -> io::Result<()> {
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
            (ClaimsTable, Subject::Claims(c)) => write_claims_table(c, out),
            (ComparisonsJson, Subject::Analysis(a)) => write_comparisons_json(&a.comparisons, out),
            (ComparisonsTable, Subject::Analysis(a)) => {
                write_comparisons_table(a, style.colour, out)
            }
            (ReportTable, Subject::Analysis(a)) => write_report_table(a, style.colour, out),
            (ReportMarkdown, Subject::Analysis(a)) => write_report_markdown(a, out),
            (ReportJson, Subject::Analysis(a)) => write_report_json(a, out),
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
