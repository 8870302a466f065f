//! The report as Markdown, to paste into a published fact-check: one
//! section per entity, one table per key with each version of the value,
//! what that version is (its judgement) and the outlets and speakers
//! behind it; then each claim's full sentence with its words in bold,
//! its outlet, document (linked where it has an address) and date.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Style;
use super::rows::{Lookup, Row, correction, marked, plural, rows, summary_sentence};
use super::table::cut;
use crate::compare::{Analysis, Comparison};

/// Escapes a Markdown table cell: pipes, backslashes, line breaks, and
/// characters that would start markup at the cell's front; after
/// [`shown`](super::shown).
pub fn cell(text: &str) -> String {
    let text = super::shown(text);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len());
    for (i, c) in flat.chars().enumerate() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes running text (a sentence around the claim's words): white
/// space runs become one space, kept at the edges, and every character
/// that could start markup is escaped; after [`shown`](super::shown).
fn inline(text: &str) -> String {
    let text = super::shown(text);
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if matches!(
            c,
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// A link target inside `(…)`: only web addresses reach here; parentheses
/// and spaces are percent-encoded so the link cannot end early.
fn target(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// One claim in context: who, where, when, and the sentence with the
/// claim's words in bold.
fn context_line(row: &Row<'_>) -> String {
    let doc = match row.url() {
        Some(url) => format!("[{}]({})", cell(&row.claim.doc), target(url)),
        None => cell(&row.claim.doc),
    };
    let mut who = format!("**{}** ({doc}", cell(&row.claim.outlet));
    let published = row.published();
    if !published.is_empty() {
        who.push_str(&format!(", {published}"));
    }
    who.push(')');
    if !row.speaker().is_empty() {
        who.push_str(&format!(", speaker {}", cell(row.speaker())));
    }
    // The id a reviewer writes in review.yaml.
    who.push_str(&format!(", claim `{}`", row.claim.id.replace('`', "")));
    let (before, quote, after) = marked(row.claim);
    let quote = if quote.trim().is_empty() {
        String::new()
    } else {
        format!("**{}**", cell(quote))
    };
    let sentence = format!("{}{quote}{}", inline(before), inline(after));
    let sentence = sentence.trim();
    format!(
        "- {} — {who}: «{sentence}»",
        cell(&row.version.value.display())
    )
}

/// One key: heading, versions table, reference, merged sources, context.
fn key_section(
    out: &mut dyn Write,
    lookup: &Lookup<'_>,
    c: &Comparison,
    style: &Style<'_>,
) -> io::Result<()> {
    writeln!(
        out,
        "### {} — {} ({}, {} independent source{})\n",
        cell(&c.key.to_string()),
        c.grade.as_str(),
        c.verdict.as_str(),
        c.independent_sources,
        plural(c.independent_sources)
    )?;
    writeln!(out, "| value | this version | outlets | speakers | quote |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for v in &c.versions {
        let quote = v
            .claims
            .first()
            .and_then(|id| lookup.claim(id))
            .map(|claim| cut(&claim.quote, 80))
            .unwrap_or_default();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&v.value.display()),
            v.judgement.as_str(),
            cell(&v.outlets.join(", ")),
            cell(&v.speakers.join(", ")),
            cell(&quote)
        )?;
    }
    writeln!(out)?;
    if let Some(r) = &c.reference {
        writeln!(
            out,
            "Reference: {} — {}\n",
            cell(&r.value.display()),
            cell(&r.source)
        )?;
    }
    for f in c.families.iter().filter(|f| !f.reasons.is_empty()) {
        writeln!(
            out,
            "Counted as one source: {}\n",
            cell(&f.reasons.join("; "))
        )?;
    }
    let heading = if style.timeline {
        "In order of publication"
    } else {
        "In context"
    };
    writeln!(out, "{heading}:\n")?;
    for row in rows(lookup, c, style.timeline) {
        writeln!(out, "{}", context_line(&row))?;
    }
    writeln!(out)
}

/// Writes the Markdown report.
pub fn write_report_markdown(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = &analysis.summary;
    writeln!(out, "# Consistency report\n")?;
    writeln!(out, "{}\n", summary_sentence(s))?;
    if !analysis.corrections.is_empty() {
        writeln!(out, "## Corrections\n")?;
        for a in &analysis.corrections {
            let (what, why) = correction(a);
            writeln!(out, "- {} — {}", cell(&what), cell(&why))?;
        }
        writeln!(out)?;
    }
    let lookup = Lookup::new(analysis);
    let mut by_entity: BTreeMap<&str, Vec<&Comparison>> = BTreeMap::new();
    for c in &analysis.comparisons {
        by_entity.entry(&c.key.subject).or_default().push(c);
    }
    // Entities with a conflict come first, then the rest by id.
    let mut entities: Vec<(&str, Vec<&Comparison>)> = by_entity.into_iter().collect();
    entities.sort_by_key(|(id, cs)| (!cs.iter().any(|c| c.is_conflict()), *id));
    for (entity, comparisons) in entities {
        writeln!(out, "## {}\n", cell(entity))?;
        for c in comparisons {
            key_section(out, &lookup, c, style)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("سطر\nآخر"), "سطر آخر");
        assert_eq!(cell("-1 or =cmd"), "\\-1 or =cmd");
        assert_eq!(cell("[link](x)"), "\\[link\\](x)");
        assert_eq!(target("https://x.org/a (b)"), "https://x.org/a%20%28b%29");
        assert_eq!(inline(" a*b\n\n c "), " a\\*b c ");
    }
}
