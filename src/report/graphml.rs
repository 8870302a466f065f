//! The claim graph as GraphML, for Gephi and yEd users: the same nodes
//! and edges as the DOT (either view), each node with its `type` and
//! `label`, keys with their `grade`, versions with their `judgement`,
//! documents and reference facts with their `url`; edges with `label`
//! and `verdict`.

use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use crate::graph::{ClaimGraph, Edge, Node, describe};

/// Escapes XML text and attribute values, after [`shown`](super::shown);
/// a character XML 1.0 forbids (controls but tab, newline and carriage
/// return; U+FFFE, U+FFFF) never reaches the file.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::shown(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A node's type, label, and its grade or judgement and address where it has one.
struct Described {
    kind: &'static str,
    label: String,
    standing: &'static str,
    url: String,
}

fn described(kind: &'static str, label: String) -> Described {
    Described {
        kind,
        label,
        standing: "",
        url: String::new(),
    }
}

fn describe_node(graph: &ClaimGraph, node: &Node) -> Described {
    match *node {
        Node::Outlet(ref name) => described("outlet", name.clone()),
        Node::Document(ref id) => Described {
            url: graph.urls.get(id).cloned().unwrap_or_default(),
            ..described("document", id.clone())
        },
        Node::Entity { ref id, ref label } => described("entity", format!("{id} {label}")),
        Node::Claim(i) => {
            let c = &graph.claims[i];
            let label = format!("{} {} {}", c.id, describe(&c.key()), c.value.display());
            described("claim", label)
        }
        Node::Key(k) => {
            let c = &graph.comparisons[k];
            Described {
                standing: c.grade.as_str(),
                ..described("key", describe(&c.key))
            }
        }
        Node::Version(k, v) => {
            let version = &graph.comparisons[k].versions[v];
            let label = format!(
                "{} ({})",
                version.value.display(),
                version.outlets.join(", ")
            );
            Described {
                standing: version.judgement.as_str(),
                ..described("version", label)
            }
        }
        Node::Reference(k) => {
            let r = graph.comparisons[k].reference.as_ref();
            Described {
                url: r.and_then(|r| r.url.clone()).unwrap_or_default(),
                ..described(
                    "reference",
                    r.map(|r| format!("{} — {}", r.value.display(), r.source))
                        .unwrap_or_default(),
                )
            }
        }
    }
}

/// Writes the graph as GraphML with `type` and `label` on nodes, `label`
/// and `verdict` on edges.
pub fn write_graphml(graph: &ClaimGraph, out: &mut dyn Write) -> io::Result<()> {
    let g = &graph.graph;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
    )?;
    writeln!(
        out,
        r#"  <key id="type" for="node" attr.name="type" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="standing" for="node" attr.name="standing" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="url" for="node" attr.name="url" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="elabel" for="edge" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="verdict" for="edge" attr.name="verdict" attr.type="string"/>"#
    )?;
    writeln!(out, r#"  <graph id="crosscheck" edgedefault="directed">"#)?;
    for n in g.node_indices() {
        let d = describe_node(graph, &g[n]);
        let mut extra = String::new();
        if !d.standing.is_empty() {
            extra.push_str(&format!(r#"<data key="standing">{}</data>"#, d.standing));
        }
        if !d.url.is_empty() {
            extra.push_str(&format!(r#"<data key="url">{}</data>"#, xml(&d.url)));
        }
        writeln!(
            out,
            r#"    <node id="n{}"><data key="type">{}</data><data key="label">{}</data>{extra}</node>"#,
            n.index(),
            d.kind,
            xml(&d.label)
        )?;
    }
    for e in g.edge_references() {
        let verdict = match e.weight() {
            Edge::Verdict(v) | Edge::Checks(v) => v.as_str(),
            _ => "",
        };
        writeln!(
            out,
            r#"    <edge source="n{}" target="n{}"><data key="elabel">{}</data><data key="verdict">{verdict}</data></edge>"#,
            e.source().index(),
            e.target().index(),
            xml(&e.weight().label())
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(xml("a\u{1}b"), "a\\u{1}b");
        assert_eq!(xml("a\u{FFFE}\u{FFFF}b"), "a\\u{FFFE}\\u{FFFF}b");
    }
}
