//! Claims and report rows as CSV for spreadsheets, written with the `csv`
//! crate (RFC 4180 quoting). One row a claim, the value in separate
//! columns (min, max, from, to, precision, approx), so a spreadsheet can
//! sort and filter them.
//!
//! A text cell that begins with `=`, `+`, `-`, `@` (or a tab or carriage
//! return) is prefixed with `'` so a spreadsheet shows it as text instead
//! of running it as a formula — also after leading spaces, and for the
//! fullwidth signs `＝＋－＠`, which spreadsheets read as their ASCII forms.
//! Text passes through [`shown`](super::shown) first. Numbers and dates
//! crosscheck writes itself are written as they are.

use std::io::{self, Write};

use super::Style;
use super::rows::{Lookup, rows};
use crate::claim::{Claim, Value};
use crate::compare::{Analysis, Comparison};

/// One text cell, neutralised (the `csv` writer quotes it as needed).
pub fn safe(text: &str) -> String {
    let text = super::shown(text);
    let formula = text
        .trim_start()
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    if formula || text.starts_with(['\t', '\r']) {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// The value's columns: min, max, from, to, precision, approx.
fn value_cells(value: &Value) -> [String; 6] {
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match value {
        Value::Number(n) => [
            num(n.min),
            num(n.max),
            String::new(),
            String::new(),
            String::new(),
            n.approx.to_string(),
        ],
        Value::Date(d) => {
            let precision = serde_json::to_value(d.precision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            [
                String::new(),
                String::new(),
                day(d.from),
                day(d.to),
                precision,
                String::new(),
            ]
        }
    }
}

fn qualifier(claim: &Claim) -> String {
    let q: Vec<String> = claim
        .qualifier
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    q.join(" ")
}

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(out)
}

fn finish(w: csv::Writer<&mut dyn Write>) -> io::Result<()> {
    w.into_inner().map_err(|e| e.into_error())?.flush()
}

/// The claims with a header row: id, doc, outlet, kind, subject,
/// qualifier, the value's columns, speaker, quote, rule.
pub fn write_claims_csv(claims: &[Claim], out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record([
        "id",
        "ref",
        "doc",
        "outlet",
        "kind",
        "subject",
        "qualifier",
        "min",
        "max",
        "from",
        "to",
        "precision",
        "approx",
        "speaker",
        "quote",
        "rule",
    ])?;
    for c in claims {
        let text = [
            &c.id,
            &c.position,
            &c.doc,
            &c.outlet,
            &c.kind,
            &c.subject,
            &qualifier(c),
        ]
        .map(|t| safe(t));
        let tail = [c.speaker.as_deref().unwrap_or(""), &c.quote, &c.rule].map(safe);
        w.write_record(text.iter().chain(&value_cells(&c.value)).chain(&tail))?;
    }
    finish(w)
}

/// The report's header row.
pub const REPORT_COLUMNS: [&str; 19] = [
    "key",
    "kind",
    "subject",
    "qualifier",
    "min",
    "max",
    "from",
    "to",
    "precision",
    "approx",
    "outlet",
    "doc",
    "published",
    "url",
    "speaker",
    "quote",
    "verdict",
    "version judgement",
    "grade",
];

fn key_rows(
    w: &mut csv::Writer<&mut dyn Write>,
    lookup: &Lookup<'_>,
    c: &Comparison,
    timeline: bool,
) -> io::Result<()> {
    let key = [c.key.to_string(), c.key.kind.clone(), c.key.subject.clone()].map(|t| safe(&t));
    for row in rows(lookup, c, timeline) {
        let claim = row.claim;
        let source = [
            claim.outlet.as_str(),
            &claim.doc,
            &row.published(),
            row.document.and_then(|d| d.url.as_deref()).unwrap_or(""),
            row.speaker(),
            &claim.quote,
        ]
        .map(safe);
        let judged = [
            c.verdict.as_str(),
            row.version.judgement.as_str(),
            c.grade.as_str(),
        ];
        let record: Vec<String> = key
            .iter()
            .cloned()
            .chain([safe(&qualifier(claim))])
            .chain(value_cells(&claim.value))
            .chain(source)
            .chain(judged.map(str::to_string))
            .collect();
        w.write_record(&record)?;
    }
    Ok(())
}

/// The report (and `compare`) as CSV: one row a claim, with its key, its
/// value's columns, its document, the key's verdict and grade, and its
/// version's judgement.
pub fn write_report_csv(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lookup = Lookup::new(analysis);
    let mut w = writer(out);
    w.write_record(REPORT_COLUMNS)?;
    for c in &analysis.comparisons {
        key_rows(&mut w, &lookup, c, style.timeline)?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe("+1"), "'+1");
        assert_eq!(safe("-5"), "'-5");
        assert_eq!(safe("@cmd"), "'@cmd");
        assert_eq!(safe("نحو 1500"), "نحو 1500");
        assert_eq!(safe("  =1+1"), "'  =1+1");
        assert_eq!(safe("\t=1"), "'\t=1");
        assert_eq!(safe("＝cmd"), "'＝cmd");
        assert_eq!(safe(" ＠x"), "' ＠x");
        assert_eq!(safe("a\u{202E}b"), "a\\u{202E}b");
    }

    #[test]
    fn the_csv_writer_quotes_what_it_must() {
        let claims: Vec<Claim> = vec![
            serde_json::from_value(serde_json::json!({
                "id": "a#1", "doc": "a", "outlet": "=X, \"Y\"", "kind": "killed_count",
                "subject": "rawa", "qualifier": {}, "value": {"min": 3, "max": 3},
                "span": [0, 1], "quote": "مقتل 3\nعناصر", "sentence": "s",
                "rule": "r", "speaker": null
            }))
            .unwrap(),
        ];
        let mut out = Vec::new();
        write_claims_csv(&claims, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(",\"'=X, \"\"Y\"\"\","), "{text}");
        assert!(text.contains("\"مقتل 3\nعناصر\""), "{text}");
    }
}
