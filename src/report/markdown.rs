//! The report as Markdown, to paste into a published fact-check: one
//! section per entity, one table per key, each version of the value with
//! the outlets and speakers behind it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::table::cut;
use crate::compare::Analysis;
use crate::compare::Comparison;

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

/// Writes the Markdown report.
pub fn write_report_markdown(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let s = &analysis.summary;
    writeln!(out, "# Consistency report\n")?;
    writeln!(
        out,
        "{} documents read ({} unreadable); {} claims on {} keys: {} contradicted, {} compatible, {} in agreement, {} from one source.\n",
        s.documents,
        s.unreadable,
        s.claims,
        s.keys,
        s.contradict,
        s.compatible,
        s.agree,
        s.single_source
    )?;
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
            writeln!(
                out,
                "### {} — {} ({}, {} independent source{})\n",
                cell(&c.key.to_string()),
                c.grade.as_str(),
                c.verdict.as_str(),
                c.independent_sources,
                if c.independent_sources == 1 { "" } else { "s" }
            )?;
            writeln!(out, "| value | outlets | speakers | quote |")?;
            writeln!(out, "|---|---|---|---|")?;
            for v in &c.versions {
                let quote = v
                    .claims
                    .first()
                    .and_then(|id| analysis.claim(id))
                    .map(|claim| cut(&claim.quote, 80))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&v.value.display()),
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
    }
}
