//! The claim graph as GraphML, for Gephi and yEd users.

use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use crate::graph::{ClaimGraph, Edge, Node};

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

fn describe(graph: &ClaimGraph, node: &Node) -> (&'static str, String) {
    match node {
        Node::Outlet(name) => ("outlet", name.clone()),
        Node::Document(id) => ("document", id.clone()),
        Node::Entity { id, label } => ("entity", format!("{id} {label}")),
        Node::Claim(i) => {
            let c = &graph.claims[*i];
            (
                "claim",
                format!("{} {} {}", c.id, c.kind, c.value.display()),
            )
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
        r#"  <key id="elabel" for="edge" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="verdict" for="edge" attr.name="verdict" attr.type="string"/>"#
    )?;
    writeln!(out, r#"  <graph id="crosscheck" edgedefault="directed">"#)?;
    for n in g.node_indices() {
        let (kind, label) = describe(graph, &g[n]);
        writeln!(
            out,
            r#"    <node id="n{}"><data key="type">{kind}</data><data key="label">{}</data></node>"#,
            n.index(),
            xml(&label)
        )?;
    }
    for e in g.edge_references() {
        let verdict = match e.weight() {
            Edge::Verdict(v) => v.as_str(),
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
