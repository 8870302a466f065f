//! The claim graph shows the finding: a generated corpus of 40 documents,
//! one key reported by 12 outlets, drawn by Graphviz in both views, with
//! the reference fact's red edges to the versions that contradict it.

use crate::support::{crosscheck, render_dot};

/// 40 articles: Tal Afar's liberation date from 12 outlets (eight give
/// the reference's 31 August, four the 27th), and 28 others on fighters
/// in other towns.
fn corpus() -> String {
    let places = [
        "الرقة",
        "الحويجة",
        "الموصل",
        "القائم",
        "راوة",
        "الرمادي",
        "الفلوجة",
    ];
    let mut out = String::new();
    for i in 0..40 {
        let text = if i < 12 {
            let day = if i % 3 == 0 { 27 } else { 31 };
            format!("أعلنت القيادة تحرير مدينة تلعفر بالكامل يوم {day} آب/أغسطس 2017.")
        } else {
            format!(
                "وتقدر المصادر وجود نحو {} من مقاتلي داعش في محيط مدينة {}.",
                500 + 100 * (i % 5),
                places[i % places.len()]
            )
        };
        let doc = serde_json::json!({
            "id": format!("d{i}"),
            "outlet": format!("Outlet {i}"),
            "published": format!("2017-09-{:02}", 1 + i % 28),
            "url": format!("https://outlet{i}.example/story"),
            "text": text,
        });
        out.push_str(&format!("{doc}\n"));
    }
    out
}

fn graph(args: &[&str]) -> String {
    let out = crosscheck()
        .args(["graph"])
        .args(args)
        .arg("-")
        .write_stdin(corpus())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_compact_graph_shows_versions_and_the_reference() {
    let dot = graph(&[]);
    assert!(dot.contains("newrank=true"));
    assert!(dot.contains("\"legend\" [shape=plaintext"), "a legend");
    assert!(
        !dot.contains("publishes") && !dot.contains("\"doc:"),
        "no documents: {dot}"
    );
    assert!(
        dot.contains("label=\"liberation · tal-afar\\ncontradicts-reference"),
        "{dot}"
    );
    assert!(
        dot.contains("label=\"2017-08-27\\ncontradicts-reference\\nOutlet 0, Outlet 3"),
        "{dot}"
    );
    assert!(
        dot.lines().any(|l| l.starts_with("  \"reference:")
            && l.contains("label=\"contradicts\"")
            && l.contains("color=red")),
        "a red edge from the reference fact: {dot}"
    );
    render_dot(&dot);
}

#[test]
fn the_full_graph_keeps_every_document_and_renders() {
    let dot = graph(&["--full"]);
    assert!(dot.contains("newrank=true"));
    assert_eq!(dot.matches("shape=note").count(), 40, "every document");
    assert!(dot.contains("URL=\"https://outlet0.example/story\""));
    assert!(
        dot.contains("liberation · tal-afar\\n2017-08-31"),
        "claims name event and place"
    );
    render_dot(&dot);
}

#[test]
fn graphml_carries_the_same_nodes() {
    let xml = graph(&["--format", "graphml"]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let data = |key: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some(key))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    };
    let types = data("type");
    for kind in ["entity", "key", "version", "reference"] {
        assert!(types.iter().any(|t| t == kind), "{kind} in {types:?}");
    }
    assert!(
        data("standing")
            .iter()
            .any(|s| s == "contradicts-reference")
    );
    assert!(data("verdict").iter().any(|s| s == "contradict"));
    let full = graph(&["--format", "graphml", "--full"]);
    assert!(full.contains("<data key=\"url\">https://outlet0.example/story</data>"));
}
