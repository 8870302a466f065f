//! A diff written for a terminal, in Markdown, or as JSON. Text from the
//! articles goes through the report's sanitiser, as in every writer.

use std::io::{self, Write};

use super::{ClaimBrief, Diff, KeyChange, Standing};
use crate::report::{markdown_cell, shown};

fn standing(s: &Option<Standing>) -> String {
    match s {
        Some(s) => format!("{} ({})", s.verdict, s.grade),
        None => "absent".to_string(),
    }
}

fn change(k: &KeyChange) -> String {
    format!("{} → {}", standing(&k.old), standing(&k.new))
}

fn claim_line(c: &ClaimBrief) -> String {
    format!(
        "{} {} {} · {} · {} «{}»",
        c.id,
        c.kind,
        c.subject,
        c.value.display(),
        c.outlet,
        c.quote
    )
}

/// The counts in one sentence.
fn headline(d: &Diff) -> String {
    let s = &d.summary;
    format!(
        "{} new contradictions; {} keys changed; {} claims added, {} removed, {} moved.",
        s.new_contradictions, s.keys_changed, s.added, s.removed, s.moved
    )
}

/// One section a list: new contradictions, other keys changed, claims
/// added, removed, moved.
fn sections(d: &Diff) -> Vec<(&'static str, Vec<String>)> {
    let keys = |new: bool| -> Vec<String> {
        d.keys
            .iter()
            .filter(|k| k.new_contradiction == new)
            .map(|k| format!("{}: {}", k.key, change(k)))
            .collect()
    };
    vec![
        ("new contradictions", keys(true)),
        ("keys changed", keys(false)),
        ("claims added", d.added.iter().map(claim_line).collect()),
        ("claims removed", d.removed.iter().map(claim_line).collect()),
        (
            "claims moved",
            d.moved
                .iter()
                .map(|m| format!("{} (was on {})", claim_line(&m.claim), m.from))
                .collect(),
        ),
    ]
}

/// The diff for a terminal: a headline, then each non-empty section.
pub fn write_diff_table(d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", headline(d))?;
    for (title, lines) in sections(d) {
        if lines.is_empty() {
            continue;
        }
        writeln!(out, "\n{title} ({}):", lines.len())?;
        for line in lines {
            writeln!(out, "  {}", shown(&line))?;
        }
    }
    Ok(())
}

/// The diff in Markdown: a headline, then a list a section.
pub fn write_diff_markdown(d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# What changed\n\n{}", headline(d))?;
    for (title, lines) in sections(d) {
        if lines.is_empty() {
            continue;
        }
        writeln!(out, "\n## {} ({})\n", title, lines.len())?;
        for line in lines {
            writeln!(out, "- {}", markdown_cell(&line))?;
        }
    }
    Ok(())
}

/// The diff as JSON: summary, keys, added, removed, moved.
pub fn write_diff_json(d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, d)?;
    out.write_all(b"\n")
}
