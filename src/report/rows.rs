//! What every report writer shows of a key, computed once: one row a
//! claim with the version it belongs to (and that version's judgement),
//! its document (publication date, address), and the sentence split
//! around the claim's words so each writer can mark them.

use std::collections::HashMap;

use crate::claim::Claim;
use crate::compare::{Analysis, Comparison, Version};
use crate::corpus::{DocumentInfo, is_web_address};
use crate::review::Applied;

/// Claims and documents by id, for one render.
pub struct Lookup<'a> {
    claims: HashMap<&'a str, &'a Claim>,
    documents: HashMap<&'a str, &'a DocumentInfo>,
}

impl<'a> Lookup<'a> {
    /// Indexes an analysis's claims and documents.
    pub fn new(analysis: &'a Analysis) -> Lookup<'a> {
        Lookup {
            claims: analysis.claims.iter().map(|c| (c.id.as_str(), c)).collect(),
            documents: analysis
                .documents
                .iter()
                .map(|d| (d.id.as_str(), d))
                .collect(),
        }
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&'a Claim> {
        self.claims.get(id).copied()
    }

    /// The document with this id, where the analysis knows it.
    pub fn document(&self, id: &str) -> Option<&'a DocumentInfo> {
        self.documents.get(id).copied()
    }
}

/// One claim on a key, as a report row shows it.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// The version of the key's value it carries.
    pub version: &'a Version,
    /// Its document, where known.
    pub document: Option<&'a DocumentInfo>,
}

impl<'a> Row<'a> {
    /// The publication date as given, or empty.
    pub fn published(&self) -> String {
        self.document
            .and_then(|d| d.published)
            .map(|p| p.display())
            .unwrap_or_default()
    }

    /// The document's address, only when it is a web address a report may link.
    pub fn url(&self) -> Option<&'a str> {
        self.document
            .and_then(|d| d.url.as_deref())
            .filter(|u| is_web_address(u))
    }

    /// The speaker, or empty.
    pub fn speaker(&self) -> &'a str {
        self.claim.speaker.as_deref().unwrap_or("")
    }
}

/// A key's rows: version by version in the key's order, or with
/// `timeline`, by publication date (undated documents last), so the
/// report reads as who said what when.
pub fn rows<'a>(lookup: &Lookup<'a>, comparison: &'a Comparison, timeline: bool) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = comparison
        .versions
        .iter()
        .flat_map(|version| {
            version.claims.iter().filter_map(move |id| {
                let claim = lookup.claim(id)?;
                Some(Row {
                    claim,
                    version,
                    document: lookup.document(&claim.doc),
                })
            })
        })
        .collect();
    if timeline {
        rows.sort_by_key(|r| {
            let date = r.document.and_then(|d| d.published).map(|p| p.first);
            (date.is_none(), date, r.claim.doc.clone())
        });
    }
    rows
}

/// The claim's sentence split around its words: (before, quote, after).
/// When the quote is not found in the sentence, the whole sentence comes
/// first and the quote is empty.
pub fn marked(claim: &Claim) -> (&str, &str, &str) {
    let sentence = claim.sentence.as_str();
    match sentence.find(claim.quote.as_str()) {
        Some(at) if !claim.quote.is_empty() => {
            let end = at + claim.quote.len();
            (&sentence[..at], &claim.quote, &sentence[end..])
        }
        _ => (sentence, "", ""),
    }
}

/// Keys that need a reader's attention first: contested or contradicting
/// the reference (or with any contradiction), in the analysis's order.
pub fn conflicts_first(analysis: &Analysis) -> Vec<&Comparison> {
    let mut keys: Vec<&Comparison> = analysis.comparisons.iter().collect();
    keys.sort_by_key(|c| !c.is_conflict());
    keys
}

/// `s` for plural counts.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A reviewer's correction as every report lists it: what it did (or why
/// it did nothing), and who decided it and why.
pub fn correction(a: &Applied) -> (String, String) {
    let c = &a.correction;
    let n = a.claims.len();
    let what = match &a.unmatched {
        Some(why) => format!("{} — not applied: {why}", c.describe()),
        None => format!("{} — {n} claim{}", c.describe(), plural(n)),
    };
    (what, format!("{}: {} ({})", c.author, c.note, c.origin))
}

/// "N of M keys shown" when a filter left keys out, else "M keys".
pub fn keys_shown(s: &crate::compare::Summary) -> String {
    match s.shown {
        Some(n) => format!("{} keys ({n} of {} keys shown)", s.keys, s.keys),
        None => format!("{} keys", s.keys),
    }
}

/// The summary in one sentence, as the Markdown and HTML reports open.
pub fn summary_sentence(s: &crate::compare::Summary) -> String {
    format!(
        "{} documents read ({} unreadable); {} claims on {}: {} contradicted, {} compatible, {} in agreement, {} from one source.",
        s.documents,
        s.unreadable,
        s.claims,
        keys_shown(s),
        s.contradict,
        s.compatible,
        s.agree,
        s.single_source
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quote_is_found_in_its_sentence() {
        let mut claim: Claim = serde_json::from_value(serde_json::json!({
            "id": "a#1", "doc": "a", "outlet": "X", "kind": "killed_count",
            "subject": "rawa", "qualifier": {}, "value": {"min": 3, "max": 3},
            "span": [0, 1], "quote": "مقتل 3", "sentence": "أعلن عن مقتل 3 عناصر.",
            "rule": "r", "speaker": null
        }))
        .unwrap();
        assert_eq!(marked(&claim), ("أعلن عن ", "مقتل 3", " عناصر."));
        claim.quote = "absent".into();
        assert_eq!(marked(&claim), ("أعلن عن مقتل 3 عناصر.", "", ""));
    }
}
