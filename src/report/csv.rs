//! Claims as CSV for spreadsheets. A cell that begins with `=`, `+`, `-`,
//! `@` (or a tab or carriage return) is prefixed with `'` so a spreadsheet
//! shows it as text instead of running it as a formula — also after
//! leading spaces, and for the fullwidth signs `＝＋－＠`, which
//! spreadsheets read as their ASCII forms. Text passes through
//! [`shown`](super::shown) first.

use std::io::{self, Write};

use crate::claim::Claim;

/// One CSV cell: neutralised, quoted when it must be.
pub fn cell(text: &str) -> String {
    let text = super::shown(text);
    let formula = text
        .trim_start()
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let safe = if formula || text.starts_with(['\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// The claims as CSV with a header row.
pub fn write_claims_csv(claims: &[Claim], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "id,doc,outlet,kind,subject,qualifier,value,speaker,quote,rule"
    )?;
    for c in claims {
        let qualifier: Vec<String> = c
            .qualifier
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let row = [
            c.id.as_str(),
            &c.doc,
            &c.outlet,
            &c.kind,
            &c.subject,
            &qualifier.join(" "),
            &serde_json::to_string(&c.value).unwrap_or_default(),
            c.speaker.as_deref().unwrap_or(""),
            &c.quote,
            &c.rule,
        ];
        let cells: Vec<String> = row.iter().map(|v| cell(v)).collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("نحو 1500"), "نحو 1500");
        assert_eq!(cell("  =1+1"), "'  =1+1");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("＝cmd"), "'＝cmd");
        assert_eq!(cell(" ＠x"), "' ＠x");
        assert_eq!(cell("a\u{202E}b"), "a\\u{202E}b");
    }
}
