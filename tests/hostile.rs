//! Hostile outlet names and ids through every writer: no control
//! character or bidi override reaches the reader raw, GraphML stays XML a
//! real parser reads, DOT stays DOT that Graphviz renders, and CSV cells
//! cannot become formulas.

use crate::support::{crosscheck, render_dot};

const CLAIM: &str = "نحو 1500 من مقاتلي داعش في محيط القائم.";

/// Two articles whose outlets and ids carry escape sequences, a bidi
/// override, XML-forbidden characters, DOT and Markdown syntax, and
/// formulas behind spaces and in fullwidth signs.
fn hostile_jsonl() -> String {
    let line = |id: &str, outlet: &str, n: u32| {
        let text = CLAIM.replace("1500", &n.to_string());
        serde_json::json!({"id": id, "outlet": outlet, "published": "2017-11-04", "text": text})
            .to_string()
            + "\n"
    };
    line(
        "  =HYPERLINK(\"x\")",
        "\u{1b}[31mRed\u{1b}[0m \u{202E}txt.exe",
        1500,
    ) + &line(
        "doc\u{2066}\u{0}\u{FFFF}",
        "＝cmd|x\"]; a -> b [label=\"</data>\r\u{85}",
        900,
    )
}

fn run(args: &[&str]) -> String {
    let out = crosscheck()
        .args(args)
        .arg("-")
        .write_stdin(hostile_jsonl())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn raw_hostile(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || c == '\u{FFFF}'
        })
        .collect()
}

#[test]
fn hostile_names_reach_no_writer_raw() {
    for args in [
        ["extract", "--format", "table"],
        ["extract", "--format", "csv"],
        ["report", "--format", "table"],
        ["report", "--format", "md"],
        ["report", "--format", "html"],
        ["report", "--format", "csv"],
        ["report", "--layout", "cards"],
        ["compare", "--format", "csv"],
        ["compare", "--format", "table"],
        ["graph", "--format", "dot"],
        ["graph", "--format", "graphml"],
    ] {
        let text = run(&args);
        assert!(
            text.contains("\\u{202E}"),
            "{args:?} shows the override: {text}"
        );
        assert_eq!(raw_hostile(&text), Vec::<char>::new(), "{args:?}: {text}");
    }
}

#[test]
fn graphml_parses_and_dot_renders_with_hostile_names() {
    let graphml = run(&["graph", "--format", "graphml", "--full"]);
    let doc = roxmltree::Document::parse(&graphml).expect("GraphML is well-formed XML");
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some("label"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.contains("</data>") && l.starts_with('＝')),
        "{labels:?}"
    );
    render_dot(&run(&["graph", "--format", "dot"]));
    render_dot(&run(&["graph", "--format", "dot", "--full"]));
}

#[test]
fn csv_neutralises_formulas_behind_spaces_and_in_fullwidth() {
    let csv = run(&["extract", "--format", "csv"]);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    // The content id comes first; the position (`ref`) and the document
    // carry the hostile id.
    let after_id = rows[0].split_once(',').unwrap().1;
    assert!(after_id.starts_with("\"'  =HYPERLINK("), "{}", rows[0]);
    assert!(rows[1].contains(",\"'＝cmd|x"), "{}", rows[1]);
}
