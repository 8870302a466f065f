//! Graphviz DOT, written by hand from the petgraph model: petgraph's own
//! printer has no clusters, and we want each outlet drawn as one. Both
//! views (compact and full) are drawn with `newrank=true`, so ranks hold
//! across clusters and a key reported by many outlets stays one column,
//! and with a legend saying what the shapes and colours mean. Nodes of
//! documents and reference facts link to their addresses (`URL`), which
//! Graphviz keeps in SVG.

use std::collections::BTreeMap;
use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use super::wrap::cut;
use crate::compare::{Judgement, Verdict};
use crate::corpus::is_web_address;
use crate::graph::{ClaimGraph, Edge, Node, describe};

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

/// What the shapes and colours mean.
const LEGEND: &str = "ellipse: entity\\lrounded box: comparison key and its grade\\lbox: a version of the value, what it is, who says it\\lcomponent: reference fact\\lfolder / cluster: outlet; note: document\\lred edge: contradicts\\lgreen edge: agrees / matches the reference\\lgrey edge: compatible\\l";

fn node_id(graph: &ClaimGraph, node: &Node) -> String {
    match node {
        Node::Outlet(name) => format!("outlet:{name}"),
        Node::Document(id) => format!("doc:{id}"),
        Node::Entity { id, .. } => format!("entity:{id}"),
        Node::Claim(i) => format!("claim:{}", graph.claims[*i].id),
        Node::Key(k) => format!("key:{k}"),
        Node::Version(k, v) => format!("version:{k}:{v}"),
        Node::Reference(k) => format!("reference:{k}"),
    }
}

fn url_attr(url: Option<&str>) -> String {
    match url.filter(|u| is_web_address(u)) {
        Some(u) => format!(", URL=\"{}\"", escape(u)),
        None => String::new(),
    }
}

fn judgement_colour(j: Judgement) -> &'static str {
    match j {
        j if j.is_conflict() => "red",
        Judgement::MatchesReference | Judgement::Agrees => "darkgreen",
        _ => "black",
    }
}

/// The attributes of a key, version or reference node.
fn finding_attrs(graph: &ClaimGraph, node: &Node) -> String {
    match *node {
        Node::Key(k) => {
            let c = &graph.comparisons[k];
            let fill = if c.is_conflict() {
                "mistyrose"
            } else {
                "white"
            };
            format!(
                "label=\"{}\\n{} ({}, {} source{})\", shape=box, style=\"rounded,filled\", fillcolor={fill}",
                escape(&describe(&c.key)),
                c.grade.as_str(),
                c.verdict.as_str(),
                c.independent_sources,
                if c.independent_sources == 1 { "" } else { "s" }
            )
        }
        Node::Version(k, v) => {
            let version = &graph.comparisons[k].versions[v];
            format!(
                "label=\"{}\\n{}\\n{}\", shape=box, color={}",
                escape(&version.value.display()),
                version.judgement.as_str(),
                escape(&cut(&version.outlets.join(", "), 40)),
                judgement_colour(version.judgement)
            )
        }
        Node::Reference(k) => {
            let Some(r) = &graph.comparisons[k].reference else {
                return "shape=component".into();
            };
            format!(
                "label=\"reference\\n{}\\n{}\", shape=component, style=filled, fillcolor=lightcyan{}",
                escape(&r.value.display()),
                escape(&cut(&r.source, 40)),
                url_attr(r.url.as_deref())
            )
        }
        _ => String::new(),
    }
}

fn node_attrs(graph: &ClaimGraph, node: &Node) -> String {
    match node {
        Node::Outlet(name) => format!("label=\"{}\", shape=folder", escape(name)),
        Node::Document(id) => format!(
            "label=\"{}\", shape=note{}",
            escape(id),
            url_attr(graph.urls.get(id).map(String::as_str))
        ),
        Node::Entity { id, label } => format!(
            "label=\"{}\\n{}\", shape=ellipse, style=filled, fillcolor=lightyellow",
            escape(id),
            escape(label)
        ),
        Node::Claim(i) => {
            let c = &graph.claims[*i];
            format!(
                "label=\"{}\\n{}\\n{}\", shape=box",
                escape(&describe(&c.key())),
                escape(&c.value.display()),
                escape(&c.id)
            )
        }
        other => finding_attrs(graph, other),
    }
}

fn edge_attrs(edge: &Edge) -> String {
    let colour = match edge {
        Edge::Verdict(Verdict::Contradict) | Edge::Checks(Verdict::Contradict) => {
            ", color=red, fontcolor=red, penwidth=2, dir=none"
        }
        Edge::Verdict(Verdict::Agree) | Edge::Checks(_) => {
            ", color=darkgreen, fontcolor=darkgreen, dir=none"
        }
        Edge::Verdict(_) => ", color=grey, fontcolor=grey, dir=none",
        Edge::Key | Edge::Says => ", color=grey40, fontcolor=grey40",
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

/// Nodes by the outlet whose cluster holds them; the rest loose.
fn clusters(
    graph: &ClaimGraph,
) -> (
    BTreeMap<String, Vec<petgraph::graph::NodeIndex>>,
    Vec<petgraph::graph::NodeIndex>,
) {
    let g = &graph.graph;
    let mut clusters: BTreeMap<String, Vec<_>> = BTreeMap::new();
    let mut loose = Vec::new();
    for n in g.node_indices() {
        let outlet = match &g[n] {
            Node::Outlet(name) => Some(name.clone()),
            Node::Document(id) => graph.outlets.get(id).cloned(),
            Node::Claim(i) => graph.outlets.get(&graph.claims[*i].doc).cloned(),
            _ => None,
        };
        match outlet {
            Some(o) => clusters.entry(o).or_default().push(n),
            None => loose.push(n),
        }
    }
    (clusters, loose)
}

/// Writes the graph as DOT: one cluster per outlet holding its documents
/// and their claims (full view); entities, keys, versions and reference
/// facts outside; verdict edges coloured; a legend.
pub fn write_dot(graph: &ClaimGraph, out: &mut dyn Write) -> io::Result<()> {
    let g = &graph.graph;
    writeln!(out, "digraph crosscheck {{")?;
    writeln!(
        out,
        "  graph [charset=\"UTF-8\", rankdir=LR, newrank=true, fontname=\"sans-serif\"];"
    )?;
    writeln!(out, "  node [fontname=\"sans-serif\"];")?;
    writeln!(out, "  edge [fontname=\"sans-serif\", fontsize=10];")?;
    let (clusters, loose) = clusters(graph);
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
    writeln!(out, "  subgraph \"cluster_legend\" {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; style=dashed; color=grey; fontsize=10;"
    )?;
    writeln!(
        out,
        "    \"legend\" [shape=plaintext, fontsize=10, label=\"{LEGEND}\"];"
    )?;
    writeln!(out, "  }}")?;
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
        assert_eq!(url_attr(Some("javascript:x")), "");
        assert_eq!(
            url_attr(Some("https://x.org/\"")),
            ", URL=\"https://x.org/\\\"\""
        );
    }
}
