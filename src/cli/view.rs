//! What the CLI finds out for the writers before they render: the width
//! of the terminal, and the claim graph drawn as SVG by Graphviz for the
//! HTML page (the report stage only renders; running a program is the
//! edge's business).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crosscheck::compare::Analysis;
use crosscheck::graph::ClaimGraph;
use crosscheck::report::{DEFAULT_WIDTH, Format, Style, Subject};
use crosscheck::rules::RuleSet;

/// Graphs with more nodes than this are not drawn inline: Graphviz would
/// take minutes and the page would be unreadable.
const MAX_INLINE_NODES: usize = 2000;

/// The width text output may take: `--width`, else the terminal's when
/// writing to one, else [`DEFAULT_WIDTH`].
pub fn width(flag: Option<u16>, output: Option<&Path>) -> usize {
    if let Some(w) = flag {
        return usize::from(w);
    }
    let terminal = output.is_none() && std::io::stdout().is_terminal();
    terminal
        .then(|| console::Term::stdout().size_checked())
        .flatten()
        .map_or(DEFAULT_WIDTH, |(_, cols)| usize::from(cols).max(20))
}

/// The compact claim graph of `analysis` as SVG, or why there is none.
pub fn graph_svg(rules: &RuleSet, analysis: &Analysis) -> Result<String, String> {
    let graph = ClaimGraph::compact(&rules.gazetteer, &analysis.documents, &analysis.comparisons);
    let nodes = graph.graph.node_count();
    if nodes > MAX_INLINE_NODES {
        return Err(format!(
            "The graph has {nodes} nodes, too many to draw here; draw it with `crosscheck graph`."
        ));
    }
    let mut dot = Vec::new();
    Format::GraphDot
        .render(Subject::Graph(&graph), Style::default(), &mut dot)
        .map_err(|e| e.to_string())?;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "Graphviz `dot` could not be run ({e}); install graphviz to see the graph here."
            )
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&dot).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "Graphviz could not draw the graph: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
