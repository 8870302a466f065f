//! Terminal tables (comfy-table): the summary, the conflict table with
//! contradictions first, and the plain claim and comparison tables.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::Analysis;
use crate::claim::Claim;

/// Quotes longer than this many characters are cut with an ellipsis.
pub const QUOTE_CHARS: usize = 70;

fn cut(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let kept: String = flat.chars().take(max - 1).collect();
        format!("{kept}…")
    }
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().copied());
    t
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
    for p in analysis
        .problems
        .iter()
        .filter(|p| p.severity == crate::corpus::Severity::Unreadable)
    {
        writeln!(out, "unreadable: {}: {}", p.document, p.message)?;
    }
    Ok(())
}

/// The conflict table: one row a claim, keys compared across sources
/// first (contradictions at the top), then single-source keys.
pub fn write_report_table(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    write_summary(analysis, out)?;
    let mut t = table(&["key", "outlet (doc)", "value", "quote", "verdict"]);
    for c in &analysis.comparisons {
        for id in &c.claims {
            let Some(claim) = analysis.claim(id) else {
                continue;
            };
            t.add_row(vec![
                c.key.to_string(),
                format!("{} ({})", claim.outlet, claim.doc),
                claim.value.display(),
                cut(&claim.quote, QUOTE_CHARS),
                c.verdict.as_str().to_string(),
            ]);
        }
    }
    writeln!(out)?;
    writeln!(out, "{t}")
}

/// One row a claim.
pub fn write_claims_table(claims: &[Claim], out: &mut dyn Write) -> io::Result<()> {
    let mut t = table(&[
        "id",
        "outlet",
        "kind",
        "subject",
        "qualifier",
        "value",
        "quote",
    ]);
    for c in claims {
        let q: Vec<String> = c
            .qualifier
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        t.add_row(vec![
            c.id.clone(),
            c.outlet.clone(),
            c.kind.clone(),
            c.subject.clone(),
            q.join(" "),
            c.value.display(),
            cut(&c.quote, QUOTE_CHARS),
        ]);
    }
    writeln!(out, "{t}")
}

/// One row a key: verdict, sources and each source's values.
pub fn write_comparisons_table(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let mut t = table(&["key", "verdict", "sources", "values"]);
    for c in &analysis.comparisons {
        let values: Vec<String> = c
            .claims
            .iter()
            .filter_map(|id| analysis.claim(id))
            .map(|claim| format!("{}: {}", claim.outlet, claim.value.display()))
            .collect();
        t.add_row(vec![
            c.key.to_string(),
            c.verdict.as_str().to_string(),
            c.independent_sources.to_string(),
            values.join("\n"),
        ]);
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
