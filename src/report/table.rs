//! Terminal tables (comfy-table): the summary, the consistency table with
//! conflicts first, and the plain claim and comparison tables. Every table
//! fits the width it is given (the terminal's, `--width`, or 100 when
//! piped): cells wrap, quotes are cut with `…`. Colour only when asked for
//! (the CLI asks on a TTY without NO_COLOR).

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use super::Style;
use super::rows::{Lookup, conflicts_first, plural, rows};
use super::wrap::wrap;
use crate::claim::Claim;
use crate::compare::{Analysis, Comparison, Grade, Judgement, Verdict};

/// Quotes longer than this many columns are cut with an ellipsis.
pub const QUOTE_CHARS: usize = 60;

/// Text from the articles as a cell shows it ([`shown`](super::shown)).
fn txt(text: &str) -> String {
    super::shown(text).into_owned()
}

/// Flattens white space and cuts `text` to `max` terminal columns, after
/// [`shown`](super::shown); the cut is marked `…`.
pub fn cut(text: &str, max: usize) -> String {
    super::wrap::cut(&super::shown(text), max)
}

/// A table as wide as its content (the evaluation's figures).
pub(super) fn plain_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().copied());
    t
}

/// A table that wraps its cells to fit `width` columns.
pub(super) fn fitted_table(header: &[&str], width: usize) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.clamp(20, u16::MAX as usize) as u16)
        .set_header(header.iter().copied());
    t
}

fn coloured(cell: Cell, red: bool, green: bool, colour: bool) -> Cell {
    match (colour, red, green) {
        (true, true, _) => cell.fg(Color::Red),
        (true, false, true) => cell.fg(Color::Green),
        _ => cell,
    }
}

fn verdict_cell(text: &str, verdict: Verdict, grade: Grade, colour: bool) -> Cell {
    let red = verdict == Verdict::Contradict
        || matches!(grade, Grade::ContradictsReference | Grade::Contested);
    let green =
        verdict == Verdict::Agree || matches!(grade, Grade::MatchesReference | Grade::Corroborated);
    coloured(Cell::new(text), red, green, colour)
}

/// Tables narrower than this break a grade or judgement after its first
/// hyphen (`contradicts-` / `reference`), so its column stays narrow.
const NARROW: usize = 120;

/// `name` broken after its first hyphen in a narrow table.
fn stacked(name: &str, width: usize) -> String {
    if width < NARROW {
        name.replacen('-', "-\n", 1)
    } else {
        name.to_string()
    }
}

/// A version's judgement, red when it contradicts, green when it holds.
fn judgement_cell(j: Judgement, width: usize, colour: bool) -> Cell {
    let green = matches!(j, Judgement::MatchesReference | Judgement::Agrees);
    coloured(
        Cell::new(stacked(j.as_str(), width)),
        j.is_conflict(),
        green,
        colour,
    )
}

/// Writes `text` wrapped to `width`, continuation lines indented.
pub(super) fn line(out: &mut dyn Write, text: &str, width: usize) -> io::Result<()> {
    for l in wrap(text, width, "  ") {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// The summary lines, wrapped to `width`.
pub fn write_summary(analysis: &Analysis, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let s = &analysis.summary;
    let g = s.grades;
    let lines = [
        format!(
            "documents: {} read, {} unreadable, {} with warnings",
            s.documents, s.unreadable, s.warnings
        ),
        format!("claims: {} on {}", s.claims, super::rows::keys_shown(s)),
        format!(
            "keys by verdict: {} contradict, {} compatible, {} agree, {} single-source",
            s.contradict, s.compatible, s.agree, s.single_source
        ),
        format!(
            "keys by grade: {} contradicts-reference, {} contested, {} corroborated, {} single-source, {} matches-reference",
            g[0], g[1], g[2], g[3], g[4]
        ),
    ];
    for l in lines {
        line(out, &l, width)?;
    }
    for a in &analysis.corrections {
        let (what, why) = super::rows::correction(a);
        line(
            out,
            &format!("correction: {} — {}", txt(&what), txt(&why)),
            width,
        )?;
    }
    for p in analysis
        .problems
        .iter()
        .filter(|p| p.severity == crate::corpus::Severity::Unreadable)
    {
        line(
            out,
            &format!("unreadable: {}: {}", txt(&p.document), txt(&p.message)),
            width,
        )?;
    }
    Ok(())
}

/// Notes on one key: its reference fact, merged sources, internal contradictions.
pub(super) fn notes(c: &Comparison) -> Vec<String> {
    let key = txt(&c.key.to_string());
    let mut out = Vec::new();
    if let Some(r) = &c.reference {
        out.push(format!(
            "reference for {key}: {} — {}",
            r.value.display(),
            txt(&r.source)
        ));
    }
    for f in c.families.iter().filter(|f| !f.reasons.is_empty()) {
        out.push(format!(
            "one source for {key}: {}",
            txt(&f.reasons.join("; "))
        ));
    }
    for p in &c.internal_contradictions {
        out.push(format!(
            "contradiction inside one document on {key}: {} vs {}",
            txt(&p.a),
            txt(&p.b)
        ));
    }
    out
}

/// The key cell: the key, its grade and verdict, and its sources.
fn key_cell(c: &Comparison, width: usize, colour: bool) -> Cell {
    let text = format!(
        "{}\n{}\n({}, {} source{})",
        txt(&c.key.to_string()),
        stacked(c.grade.as_str(), width),
        c.verdict.as_str(),
        c.independent_sources,
        plural(c.independent_sources)
    );
    verdict_cell(&text, c.verdict, c.grade, colour)
}

/// The consistency report: summary, then a row a claim — the key (with
/// its grade) on its first row, each row's own version judgement — then
/// notes on references and merged sources. Conflicts first.
pub fn write_report_table(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_summary(analysis, style.width, out)?;
    let lookup = Lookup::new(analysis);
    let mut t = fitted_table(
        &[
            "key (grade)",
            "outlet, doc, date, speaker",
            "value",
            "this version",
            "quote",
        ],
        style.width,
    );
    let keys = conflicts_first(analysis);
    for c in &keys {
        for (i, row) in rows(&lookup, c, style.timeline).iter().enumerate() {
            let mut source = format!("{} ({})", txt(&row.claim.outlet), txt(&row.claim.doc));
            for extra in [row.published(), cut(row.speaker(), 30)] {
                if !extra.is_empty() {
                    source.push('\n');
                    source.push_str(&extra);
                }
            }
            t.add_row(vec![
                if i == 0 {
                    key_cell(c, style.width, style.colour)
                } else {
                    Cell::new("")
                },
                Cell::new(source),
                Cell::new(row.version.value.display()),
                judgement_cell(row.version.judgement, style.width, style.colour),
                Cell::new(cut(&row.claim.quote, QUOTE_CHARS)),
            ]);
        }
    }
    if style.colour {
        t.enforce_styling();
    }
    writeln!(out)?;
    writeln!(out, "{t}")?;
    for c in keys {
        for n in notes(c) {
            line(out, &n, style.width)?;
        }
    }
    Ok(())
}

/// One row a claim.
pub fn write_claims_table(claims: &[Claim], width: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut t = fitted_table(
        &[
            "id",
            "outlet",
            "kind",
            "subject",
            "qualifier",
            "value",
            "speaker",
            "quote",
        ],
        width,
    );
    // A claim id is what a reviewer copies into review.yaml: never wrapped.
    if width >= 60
        && let Some(id) = t.column_mut(0)
    {
        id.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(14)));
    }
    for c in claims {
        let q: Vec<String> = c
            .qualifier
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        t.add_row(vec![
            txt(&c.id),
            txt(&c.outlet),
            txt(&c.kind),
            txt(&c.subject),
            txt(&q.join(" ")),
            c.value.display(),
            c.speaker.as_deref().map(|s| cut(s, 30)).unwrap_or_default(),
            cut(&c.quote, QUOTE_CHARS),
        ]);
    }
    writeln!(out, "{t}")
}

/// One row a key: verdict, grade, sources and each version's outlets and judgement.
pub fn write_comparisons_table(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut t = fitted_table(
        &["key", "verdict", "grade", "sources", "versions"],
        style.width,
    );
    for c in &analysis.comparisons {
        let versions: Vec<String> = c
            .versions
            .iter()
            .map(|v| {
                txt(&format!(
                    "{} ({}): {}",
                    v.value.display(),
                    v.judgement.as_str(),
                    v.outlets.join(", ")
                ))
            })
            .collect();
        t.add_row(vec![
            Cell::new(txt(&c.key.to_string())),
            verdict_cell(c.verdict.as_str(), c.verdict, c.grade, style.colour),
            verdict_cell(c.grade.as_str(), c.verdict, c.grade, style.colour),
            Cell::new(c.independent_sources),
            Cell::new(versions.join("\n")),
        ]);
    }
    if style.colour {
        t.enforce_styling();
    }
    writeln!(out, "{t}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_on_columns() {
        let long = "ب".repeat(100);
        let cut_quote = cut(&long, 10);
        assert_eq!(cut_quote.chars().count(), 10);
        assert!(cut_quote.ends_with('…'));
        assert_eq!(cut("a  b\nc", 10), "a b c");
    }
}
