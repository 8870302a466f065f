//! The report as one self-contained HTML page (`report --format html`):
//! inline CSS, no script, no web fonts, nothing fetched. The summary
//! first, then every key — contested and reference-contradicting ones
//! first — with its versions and what each is, its source families and
//! why they were merged, the reference fact, and each claim's full
//! sentence with its words marked, its outlet, date and a link to the
//! document. Text in either direction is laid out by the browser
//! (`dir="auto"` on everything quoted). The claim graph is inline SVG
//! when the caller drew one (the CLI asks Graphviz), or a note saying why
//! not.
//!
//! The page is also well-formed XML (XHTML syntax), so a test can parse it
//! strictly. Every text passes [`shown`](super::shown), then [`esc`].

use std::io::{self, Write};

use super::Style;
use super::rows::{
    Lookup, Row, conflicts_first, correction, marked, plural, rows, summary_sentence,
};
use crate::compare::{Analysis, Comparison, Version};
use crate::corpus::is_web_address;

const CSS: &str = include_str!("html.css");

/// Escapes text for HTML (and XML) text and attribute values, after
/// [`shown`](super::shown).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::shown(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The id a key's section has (and a ClaimReview's `url` points to):
/// its kind, subject and qualifier values, in ASCII letters, digits and `-`.
pub fn anchor(c: &Comparison) -> String {
    let words = [c.key.kind.as_str(), c.key.subject.as_str()]
        .into_iter()
        .chain(c.key.qualifier.values().map(String::as_str));
    let mut out = String::from("key");
    for word in words {
        out.push('-');
        out.extend(word.chars().map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '-'
            }
        }));
    }
    out
}

/// A link when `url` is a web address, else the text alone.
fn link(url: Option<&str>, text: &str) -> String {
    match url.filter(|u| is_web_address(u)) {
        Some(u) => format!("<a href=\"{}\">{}</a>", esc(u), esc(text)),
        None => esc(text),
    }
}

fn badge(class: &str, text: &str) -> String {
    format!("<span class=\"{class} {text}\">{}</span>", esc(text))
}

fn head(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(
        out,
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"
    )?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\"/>")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    )?;
    writeln!(out, "<title>crosscheck: consistency report</title>")?;
    writeln!(out, "<style>\n{CSS}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")
}

fn summary(out: &mut dyn Write, analysis: &Analysis, keys: &[&Comparison]) -> io::Result<()> {
    let s = &analysis.summary;
    writeln!(out, "<header>\n<h1>Consistency report</h1>")?;
    writeln!(out, "<p class=\"summary\">{}</p>", summary_sentence(s))?;
    let names = [
        "contradicts-reference",
        "contested",
        "corroborated",
        "single-source",
        "matches-reference",
    ];
    writeln!(
        out,
        "<table class=\"grades\"><tr><th>grade</th><th>keys</th></tr>"
    )?;
    for (name, n) in names.iter().zip(s.grades) {
        writeln!(
            out,
            "<tr><td>{}</td><td>{n}</td></tr>",
            badge("grade", name)
        )?;
    }
    writeln!(out, "</table>")?;
    let conflicts: Vec<&&Comparison> = keys.iter().filter(|c| c.is_conflict()).collect();
    if !conflicts.is_empty() {
        writeln!(out, "<h2>Needs attention</h2>\n<ul class=\"attention\">")?;
        for c in conflicts {
            writeln!(
                out,
                "<li><a href=\"#{}\" dir=\"auto\">{}</a> {}</li>",
                anchor(c),
                esc(&c.key.to_string()),
                badge("grade", c.grade.as_str())
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</header>")
}

fn version_row(v: &Version) -> String {
    format!(
        "<tr><td dir=\"auto\">{}</td><td>{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td></tr>",
        esc(&v.value.display()),
        badge("judgement", v.judgement.as_str()),
        esc(&v.outlets.join(", ")),
        esc(&v.speakers.join(", "))
    )
}

fn families(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    writeln!(
        out,
        "<h3>Source families ({})</h3>\n<ul class=\"families\">",
        c.families.len()
    )?;
    for f in &c.families {
        let why = if f.reasons.is_empty() {
            "on its own".to_string()
        } else {
            format!("counted as one source: {}", f.reasons.join("; "))
        };
        writeln!(
            out,
            "<li><span dir=\"auto\">{}</span> — <span dir=\"auto\">{}</span></li>",
            esc(&f.outlets.join(", ")),
            esc(&why)
        )?;
    }
    writeln!(out, "</ul>")
}

fn claim_item(row: &Row<'_>) -> String {
    let mut who = format!(
        "{} {} · <bdi>{}</bdi> ({}",
        esc(&row.version.value.display()),
        badge("judgement", row.version.judgement.as_str()),
        esc(&row.claim.outlet),
        link(row.url(), &row.claim.doc)
    );
    let published = row.published();
    if !published.is_empty() {
        who.push_str(&format!(", <time>{}</time>", esc(&published)));
    }
    who.push(')');
    if !row.speaker().is_empty() {
        who.push_str(&format!(", speaker <bdi>{}</bdi>", esc(row.speaker())));
    }
    // The id a reviewer writes in review.yaml.
    who.push_str(&format!(", claim <code>{}</code>", esc(&row.claim.id)));
    let (before, quote, after) = marked(row.claim);
    format!(
        "<li><p class=\"who\">{who}</p><blockquote dir=\"auto\">{}<mark>{}</mark>{}</blockquote></li>",
        esc(before),
        esc(quote),
        esc(after)
    )
}

fn reference(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    if let Some(r) = &c.reference {
        writeln!(
            out,
            "<p class=\"reference\">Reference: <strong>{}</strong> — <span dir=\"auto\">{}</span></p>",
            esc(&r.value.display()),
            link(r.url.as_deref(), &r.source)
        )?;
    }
    Ok(())
}

fn key_section(
    out: &mut dyn Write,
    lookup: &Lookup<'_>,
    c: &Comparison,
    style: &Style<'_>,
) -> io::Result<()> {
    let class = if c.is_conflict() {
        "key conflict"
    } else {
        "key"
    };
    writeln!(out, "<section class=\"{class}\" id=\"{}\">", anchor(c))?;
    writeln!(
        out,
        "<h2><bdi>{}</bdi> {}</h2>\n<p class=\"meta\">{}, {} independent source{}</p>",
        esc(&c.key.to_string()),
        badge("grade", c.grade.as_str()),
        c.verdict.as_str(),
        c.independent_sources,
        plural(c.independent_sources)
    )?;
    reference(out, c)?;
    writeln!(
        out,
        "<table class=\"versions\"><thead><tr><th>value</th><th>this version</th><th>outlets</th><th>speakers</th></tr></thead><tbody>"
    )?;
    for v in &c.versions {
        writeln!(out, "{}", version_row(v))?;
    }
    writeln!(out, "</tbody></table>")?;
    families(out, c)?;
    let heading = if style.timeline {
        "Who said what when"
    } else {
        "Claims in context"
    };
    writeln!(out, "<h3>{heading}</h3>\n<ol class=\"claims\">")?;
    for row in rows(lookup, c, style.timeline) {
        writeln!(out, "{}", claim_item(&row))?;
    }
    writeln!(out, "</ol>\n</section>")
}

/// The graph drawn by the caller, inline, or the note saying why there is none.
fn graph(out: &mut dyn Write, style: &Style<'_>) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"graph\" id=\"graph\">\n<h2>Graph</h2>"
    )?;
    match (style.page.graph_svg, style.page.graph_note) {
        (Some(svg), _) => writeln!(out, "{}", svg_element(svg))?,
        (None, Some(note)) => writeln!(out, "<p class=\"note\">{}</p>", esc(note))?,
        (None, None) => writeln!(out, "<p class=\"note\">No graph was drawn.</p>")?,
    }
    writeln!(out, "</section>")
}

/// The `<svg>` element of Graphviz's output, without the XML declaration
/// and doctype before it, which may not stand inside a page.
fn svg_element(svg: &str) -> &str {
    svg.find("<svg").map_or("", |at| &svg[at..]).trim_end()
}

/// A section of list items (already escaped), left out when empty.
fn list_section(out: &mut dyn Write, id: &str, title: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "<section id=\"{id}\">\n<h2>{title}</h2>\n<ul>")?;
    for item in items {
        writeln!(out, "{item}")?;
    }
    writeln!(out, "</ul>\n</section>")
}

fn problems(out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
    let items: Vec<String> = analysis
        .problems
        .iter()
        .map(|p| {
            format!(
                "<li><bdi>{}</bdi>: {}</li>",
                esc(&p.document),
                esc(&p.message)
            )
        })
        .collect();
    list_section(out, "problems", "Problems with documents", &items)
}

fn corrections(out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
    let items: Vec<String> = analysis
        .corrections
        .iter()
        .map(|a| {
            let (what, why) = correction(a);
            format!("<li dir=\"auto\">{} — {}</li>", esc(&what), esc(&why))
        })
        .collect();
    list_section(out, "corrections", "Corrections", &items)
}

/// Writes the page.
pub fn write_report_html(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let keys = conflicts_first(analysis);
    let lookup = Lookup::new(analysis);
    head(out)?;
    summary(out, analysis, &keys)?;
    writeln!(out, "<main>")?;
    corrections(out, analysis)?;
    for c in &keys {
        key_section(out, &lookup, c, style)?;
    }
    graph(out, style)?;
    problems(out, analysis)?;
    writeln!(
        out,
        "</main>\n<footer><p class=\"note\">Written by crosscheck.</p></footer>\n</body>\n</html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_links_are_web_addresses_only() {
        assert_eq!(esc("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(esc("a\u{202E}b"), "a\\u{202E}b");
        assert_eq!(link(Some("javascript:alert(1)"), "d"), "d");
        assert_eq!(
            link(Some("https://x.org/?a=1&b=\"2\""), "d"),
            "<a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">d</a>"
        );
        assert_eq!(
            svg_element("<?xml?>\n<!DOCTYPE svg>\n<svg a='1'></svg>\n"),
            "<svg a='1'></svg>"
        );
    }
}
