//! The report as cards (`--layout cards`): one block a key, its versions
//! and claims as indented lines wrapped to the width, for terminals too
//! narrow for a table or for reading one key at a time. Quotes are shown
//! whole, wrapped, never cut.

use std::io::{self, Write};

use super::Style;
use super::rows::{Lookup, Row, conflicts_first, plural, rows};
use super::table::{notes, write_summary};
use super::wrap::wrap;
use crate::compare::{Analysis, Comparison, Version};

fn txt(text: &str) -> String {
    super::shown(text).into_owned()
}

/// Writes `text` wrapped to `width`, every line after `first` indented by `rest`.
fn block(out: &mut dyn Write, first: &str, rest: &str, text: &str, width: usize) -> io::Result<()> {
    let indent = super::wrap::width(first).max(super::wrap::width(rest));
    for (i, l) in wrap(text, width.saturating_sub(indent), "")
        .iter()
        .enumerate()
    {
        writeln!(out, "{}{l}", if i == 0 { first } else { rest })?;
    }
    Ok(())
}

/// One claim: where it came from, then its words.
fn claim_lines(out: &mut dyn Write, row: &Row<'_>, width: usize) -> io::Result<()> {
    let mut source = format!("{} ({})", txt(&row.claim.outlet), txt(&row.claim.doc));
    let published = row.published();
    if !published.is_empty() {
        source.push_str(&format!(", published {published}"));
    }
    if !row.speaker().is_empty() {
        source.push_str(&format!(", speaker {}", txt(row.speaker())));
    }
    block(out, "    ", "      ", &source, width)?;
    block(
        out,
        "      «",
        "       ",
        &format!("{}»", txt(&row.claim.quote)),
        width,
    )?;
    if let Some(url) = row.url() {
        block(out, "      ", "      ", &txt(url), width)?;
    }
    Ok(())
}

/// One key as a card.
fn card(
    out: &mut dyn Write,
    lookup: &Lookup<'_>,
    c: &Comparison,
    style: &Style<'_>,
) -> io::Result<()> {
    let w = style.width;
    writeln!(out)?;
    block(out, "■ ", "  ", &txt(&c.key.to_string()), w)?;
    let head = format!(
        "{} ({}, {} independent source{})",
        c.grade.as_str(),
        c.verdict.as_str(),
        c.independent_sources,
        plural(c.independent_sources)
    );
    block(out, "  ", "  ", &head, w)?;
    let rows = rows(lookup, c, style.timeline);
    let mut last: Option<&Version> = None;
    for row in &rows {
        if style.timeline || !last.is_some_and(|v| std::ptr::eq(v, row.version)) {
            let line = format!(
                "{} — {}",
                row.version.value.display(),
                row.version.judgement.as_str()
            );
            block(out, "  • ", "    ", &line, w)?;
            last = Some(row.version);
        }
        claim_lines(out, row, w)?;
    }
    for n in notes(c) {
        block(out, "  ", "    ", &n, w)?;
    }
    Ok(())
}

/// The consistency report as cards: summary, then one card a key, conflicts first.
pub fn write_report_cards(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_summary(analysis, style.width, out)?;
    let lookup = Lookup::new(analysis);
    for c in conflicts_first(analysis) {
        card(out, &lookup, c, style)?;
    }
    Ok(())
}
