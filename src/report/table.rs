//! Terminal tables (comfy-table): the summary, the consistency table with
//! conflicts first, and the plain claim and comparison tables. Colour only
//! when asked for (the CLI asks on a TTY without NO_COLOR).

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};

use crate::claim::Claim;
use crate::compare::Analysis;
use crate::compare::{Comparison, Grade, Verdict};

/// Quotes longer than this many characters are cut with an ellipsis.
pub const QUOTE_CHARS: usize = 60;

/// Text from the articles as a cell shows it ([`shown`](super::shown)).
fn txt(text: &str) -> String {
    super::shown(text).into_owned()
}

/// Flattens white space and cuts `text` to `max` characters, after
/// [`shown`](super::shown).
pub fn cut(text: &str, max: usize) -> String {
    let text = super::shown(text);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let kept: String = flat.chars().take(max - 1).collect();
        format!("{kept}…")
    }
}

pub(super) fn plain_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().copied());
    t
}

fn verdict_cell(text: &str, verdict: Verdict, grade: Grade, colour: bool) -> Cell {
    let cell = Cell::new(text);
    if !colour {
        return cell;
    }
    match (verdict, grade) {
        (Verdict::Contradict, _) | (_, Grade::ContradictsReference | Grade::Contested) => {
            cell.fg(Color::Red)
        }
        (Verdict::Agree, _) | (_, Grade::MatchesReference | Grade::Corroborated) => {
            cell.fg(Color::Green)
        }
        _ => cell,
    }
}

/// The summary lines.
pub fn write_summary(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let s = &analysis.summary;
    writeln!(
        out,
        "documents: {} read, {} unreadable, {} with warnings",
        s.documents, s.unreadable, s.warnings
    )?;
    writeln!(out, "claims: {} on {} keys", s.claims, s.keys)?;
    writeln!(
        out,
        "keys by verdict: {} contradict, {} compatible, {} agree, {} single-source",
        s.contradict, s.compatible, s.agree, s.single_source
    )?;
    writeln!(
        out,
        "keys by grade: {} contradicts-reference, {} contested, {} corroborated, {} single-source, {} matches-reference",
        s.grades[0], s.grades[1], s.grades[2], s.grades[3], s.grades[4]
    )?;
    for p in analysis
        .problems
        .iter()
        .filter(|p| p.severity == crate::corpus::Severity::Unreadable)
    {
        writeln!(out, "unreadable: {}: {}", p.document, p.message)?;
    }
    Ok(())
}

/// Notes under a table: reference facts, merged sources, internal contradictions.
fn write_notes(comparisons: &[&Comparison], out: &mut dyn Write) -> io::Result<()> {
    for c in comparisons {
        if let Some(r) = &c.reference {
            writeln!(
                out,
                "reference for {}: {} — {}",
                txt(&c.key.to_string()),
                r.value.display(),
                txt(&r.source)
            )?;
        }
        for f in c.families.iter().filter(|f| !f.reasons.is_empty()) {
            writeln!(
                out,
                "one source for {}: {}",
                txt(&c.key.to_string()),
                txt(&f.reasons.join("; "))
            )?;
        }
        for p in &c.internal_contradictions {
            writeln!(
                out,
                "contradiction inside one document on {}: {} vs {}",
                txt(&c.key.to_string()),
                txt(&p.a),
                txt(&p.b)
            )?;
        }
    }
    Ok(())
}

/// The consistency report: summary, then one row a claim, conflicts
/// first, then notes on references and merged sources.
pub fn write_report_table(
    analysis: &Analysis,
    colour: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_summary(analysis, out)?;
    let mut t = plain_table(&[
        "key",
        "outlet (doc)",
        "value",
        "speaker",
        "quote",
        "sources",
        "verdict",
        "grade",
    ]);
    for c in &analysis.comparisons {
        for id in &c.claims {
            let Some(claim) = analysis.claim(id) else {
                continue;
            };
            t.add_row(vec![
                Cell::new(txt(&c.key.to_string())),
                Cell::new(txt(&format!("{} ({})", claim.outlet, claim.doc))),
                Cell::new(claim.value.display()),
                Cell::new(
                    claim
                        .speaker
                        .as_deref()
                        .map(|s| cut(s, 30))
                        .unwrap_or_default(),
                ),
                Cell::new(cut(&claim.quote, QUOTE_CHARS)),
                Cell::new(c.independent_sources),
                verdict_cell(c.verdict.as_str(), c.verdict, c.grade, colour),
                verdict_cell(c.grade.as_str(), c.verdict, c.grade, colour),
            ]);
        }
    }
    if colour {
        t.enforce_styling();
    }
    writeln!(out)?;
    writeln!(out, "{t}")?;
    let all: Vec<&Comparison> = analysis.comparisons.iter().collect();
    write_notes(&all, out)
}

/// One row a claim.
pub fn write_claims_table(claims: &[Claim], out: &mut dyn Write) -> io::Result<()> {
    let mut t = plain_table(&[
        "id",
        "outlet",
        "kind",
        "subject",
        "qualifier",
        "value",
        "speaker",
        "quote",
    ]);
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

/// One row a key: verdict, grade, sources and each version's outlets.
pub fn write_comparisons_table(
    analysis: &Analysis,
    colour: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut t = plain_table(&["key", "verdict", "grade", "sources", "versions"]);
    for c in &analysis.comparisons {
        let versions: Vec<String> = c
            .versions
            .iter()
            .map(|v| txt(&format!("{}: {}", v.value.display(), v.outlets.join(", "))))
            .collect();
        t.add_row(vec![
            Cell::new(txt(&c.key.to_string())),
            verdict_cell(c.verdict.as_str(), c.verdict, c.grade, colour),
            verdict_cell(c.grade.as_str(), c.verdict, c.grade, colour),
            Cell::new(c.independent_sources),
            Cell::new(versions.join("\n")),
        ]);
    }
    if colour {
        t.enforce_styling();
    }
    writeln!(out, "{t}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_on_characters() {
        let long = "ب".repeat(100);
        let cut_quote = cut(&long, 10);
        assert_eq!(cut_quote.chars().count(), 10);
        assert!(cut_quote.ends_with('…'));
        assert_eq!(cut("a  b\nc", 10), "a b c");
    }
}
