//! schema.org ClaimReview as JSON-LD, the markup fact-check search
//! (Google Fact Check Tools) reads: one review a contested or
//! reference-contradicting key. `claimReviewed` says what was claimed and
//! by whom; `itemReviewed` is a `Claim` with the documents it appeared in
//! (`appearance`, `firstAppearance`: their addresses and dates) and the
//! date it was first made; `reviewRating.alternateName` is the grade in
//! words; `author` and `url` come from `--author` and `--review-url` (the
//! page the review is published on, plus an anchor per key, the anchor
//! the HTML report gives it).
//!
//! JSON-LD is data: text is carried as it is, escaped by JSON's rules.

use std::io::{self, Write};

use serde_json::{Value as Json, json};

use super::Style;
use super::html::anchor;
use super::rows::{Lookup, Row, rows};
use crate::compare::{Analysis, Comparison, Grade};

/// The grade as the short verdict a reader of a search result sees.
fn rating(c: &Comparison) -> &'static str {
    match c.grade {
        Grade::ContradictsReference => "Contradicts the record",
        Grade::Contested => "Contested: outlets disagree",
        Grade::Corroborated => "Corroborated",
        Grade::SingleSource => "Single source",
        Grade::MatchesReference => "Matches the record",
    }
}

/// The rows a review is about: those contradicting the reference or
/// another family; all of them when none does.
fn reviewed<'a>(all: &[Row<'a>]) -> Vec<Row<'a>> {
    let conflicting: Vec<Row<'a>> = all
        .iter()
        .copied()
        .filter(|r| r.version.judgement.is_conflict())
        .collect();
    if conflicting.is_empty() {
        all.to_vec()
    } else {
        conflicting
    }
}

/// What was claimed, in one line: the key and each reviewed version with
/// its outlets.
fn summary(c: &Comparison, rows: &[Row<'_>]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for r in rows {
        let part = format!("{} ({})", r.version.value.display(), r.claim.outlet);
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    let mut text = format!("{}: {}", c.key, parts.join("; "));
    if let Some(r) = &c.reference {
        text.push_str(&format!(
            " — the record says {} ({})",
            r.value.display(),
            r.source
        ));
    }
    text
}

fn appearance(row: &Row<'_>) -> Json {
    let mut work = json!({"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": row.claim.outlet}});
    if let Some(url) = row.url() {
        work["url"] = json!(url);
    }
    let published = row.published();
    if !published.is_empty() {
        work["datePublished"] = json!(published);
    }
    work
}

/// One ClaimReview.
fn review(c: &Comparison, all: &[Row<'_>], style: &Style<'_>) -> Json {
    let mut rows = reviewed(all);
    rows.sort_by_key(|r| r.document.and_then(|d| d.published).map(|p| p.first));
    let dated = rows.iter().find(|r| !r.published().is_empty());
    let mut claim = json!({
        "@type": "Claim",
        "name": c.key.to_string(),
        "appearance": rows.iter().map(appearance).collect::<Vec<_>>(),
    });
    if let Some(first) = dated {
        claim["datePublished"] = json!(first.published());
        claim["firstAppearance"] = appearance(first);
    }
    if let Some(first) = dated.or(rows.first()) {
        claim["author"] = json!({"@type": "Organization", "name": first.claim.outlet});
    }
    let mut out = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": summary(c, &rows),
        "itemReviewed": claim,
        "reviewRating": {"@type": "Rating", "alternateName": rating(c), "name": c.grade.as_str()},
    });
    if let Some(author) = style.page.author {
        out["author"] = json!({"@type": "Organization", "name": author});
    }
    if let Some(url) = style.page.review_url {
        out["url"] = json!(format!("{url}#{}", anchor(c)));
    }
    out
}

/// One ClaimReview a contested or reference-contradicting key, as a
/// JSON-LD array (what a page's `<script type="application/ld+json">` holds).
pub fn write_claimreview(
    analysis: &Analysis,
    style: &Style<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lookup = Lookup::new(analysis);
    let reviews: Vec<Json> = analysis
        .comparisons
        .iter()
        .filter(|c| matches!(c.grade, Grade::Contested | Grade::ContradictsReference))
        .map(|c| review(c, &rows(&lookup, c, true), style))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &reviews)?;
    out.write_all(b"\n")
}
