//! Graphviz DOT, written by hand from the petgraph model: petgraph's own
//! printer has no clusters, and we want each outlet drawn as one.

use std::collections::BTreeMap;
use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use crate::compare::Verdict;
use crate::graph::{ClaimGraph, Edge, Node};

/// Escapes a DOT double-quoted string, after [`shown`](super::shown).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::shown(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn node_id(graph: &ClaimGraph, node: &Node) -> String {
    match node {
        Node::Outlet(name) => format!("outlet:{name}"),
        Node::Document(id) => format!("doc:{id}"),
        Node::Entity { id, .. } => format!("entity:{id}"),
        Node::Claim(i) => format!("claim:{}", graph.claims[*i].id),
    }
}

fn node_attrs(graph: &ClaimGraph, node: &Node) -> String {
    match node {
        Node::Outlet(name) => format!("label=\"{}\", shape=folder", escape(name)),
        Node::Document(id) => format!("label=\"{}\", shape=note", escape(id)),
        Node::Entity { id, label } => format!(
            "label=\"{}\\n{}\", shape=ellipse, style=filled, fillcolor=lightyellow",
            escape(id),
            escape(label)
        ),
        Node::Claim(i) => {
            let c = &graph.claims[*i];
            format!(
                "label=\"{}\\n{}\\n{}\", shape=box",
                escape(&c.id),
                escape(&c.kind),
                escape(&c.value.display())
            )
        }
    }
}

fn edge_attrs(edge: &Edge) -> String {
    let colour = match edge {
        Edge::Verdict(Verdict::Contradict) => ", color=red, fontcolor=red, penwidth=2, dir=none",
        Edge::Verdict(Verdict::Agree) => ", color=darkgreen, fontcolor=darkgreen, dir=none",
        Edge::Verdict(_) => ", color=grey, fontcolor=grey, dir=none",
        _ => "",
    };
    format!("label=\"{}\"{colour}", escape(&edge.label()))
}

fn write_node(
    graph: &ClaimGraph,
    n: petgraph::graph::NodeIndex,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let node = &graph.graph[n];
    writeln!(
        out,
        "{indent}\"{}\" [{}];",
        escape(&node_id(graph, node)),
        node_attrs(graph, node)
    )
}

/// Writes the graph as DOT: one cluster per outlet holding its documents
/// and their claims; entities outside; verdict edges coloured.
pub fn write_dot(graph: &ClaimGraph, out: &mut dyn Write) -> io::Result<()> {
    let g = &graph.graph;
    writeln!(out, "digraph crosscheck {{")?;
    writeln!(
        out,
        "  graph [charset=\"UTF-8\", rankdir=LR, fontname=\"sans-serif\"];"
    )?;
    writeln!(out, "  node [fontname=\"sans-serif\"];")?;
    writeln!(out, "  edge [fontname=\"sans-serif\", fontsize=10];")?;
    let mut clusters: BTreeMap<String, Vec<petgraph::graph::NodeIndex>> = BTreeMap::new();
    let mut loose = Vec::new();
    for n in g.node_indices() {
        let outlet = match &g[n] {
            Node::Outlet(name) => Some(name.clone()),
            Node::Document(id) => graph.outlets.get(id).cloned(),
            Node::Claim(i) => graph.outlets.get(&graph.claims[*i].doc).cloned(),
            Node::Entity { .. } => None,
        };
        match outlet {
            Some(o) => clusters.entry(o).or_default().push(n),
            None => loose.push(n),
        }
    }
    for (k, (outlet, nodes)) in clusters.iter().enumerate() {
        writeln!(out, "  subgraph \"cluster_{k}\" {{")?;
        writeln!(
            out,
            "    label=\"{}\"; style=rounded; color=steelblue;",
            escape(outlet)
        )?;
        for &n in nodes {
            write_node(graph, n, "    ", out)?;
        }
        writeln!(out, "  }}")?;
    }
    for n in loose {
        write_node(graph, n, "  ", out)?;
    }
    for e in g.edge_references() {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [{}];",
            escape(&node_id(graph, &g[e.source()])),
            escape(&node_id(graph, &g[e.target()])),
            edge_attrs(e.weight())
        )?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        assert_eq!(escape(r#"قال "نعم" \ لا"#), r#"قال \"نعم\" \\ لا"#);
        assert_eq!(escape("سطر\nآخر"), "سطر\\nآخر");
        assert_eq!(escape("a\u{202E}\u{1b}b"), "a\\\\u{202E}\\\\u{1B}b");
    }
}
