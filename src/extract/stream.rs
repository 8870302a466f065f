//! Streaming extraction: documents are read a batch at a time, extracted on
//! every thread (rayon), and their claims handed on in corpus order, so the
//! text of a corpus never has to fit in memory at once.

use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::claim::Claim;
use crate::corpus::{self, Document, DocumentInfo, Problem, Published, ReadOptions, ReadsDates};
use crate::extract::{extract, extract_checked};
use crate::recognize::{DateExpr, YEARS, find_dates, resolve};
use crate::rules::RuleSet;
use crate::text::{TokenKind, normalize, tokenize};

/// Documents extracted together; large enough to keep every thread busy,
/// small enough that a batch of article text stays a few megabytes.
pub const BATCH: usize = 256;

/// What a streamed run leaves behind besides the claims it handed on.
#[derive(Debug, Clone, Default)]
pub struct Streamed {
    /// Every document read, without its text.
    pub documents: Vec<DocumentInfo>,
    /// Problems met while reading, then warnings about values refused
    /// while extracting (a number too large, a count below zero…).
    pub problems: Vec<Problem>,
    /// Bytes of article text read.
    pub bytes: u64,
}

/// Publication dates written in words («31 آب 2017», "31 August 2017",
/// «آب 2017»), read with the rules' date tables: the whole text must be
/// one date, to the day, the month or the year, with its year.
pub struct DateLines<'a>(pub &'a RuleSet);

impl ReadsDates for DateLines<'_> {
    fn date(&self, text: &str) -> Option<Published> {
        let rules = self.0;
        let norm = normalize(text);
        let text = norm.text.as_str();
        let mut tokens = tokenize(text);
        rules.lexicon.mark(text, &mut tokens);
        let n = tokens.tokens.len();
        let [mention] = &find_dates(&rules.dates, text, &tokens, 0..n)[..] else {
            return None;
        };
        let outside = (0..n).filter(|i| !mention.tokens.contains(i));
        if outside
            .into_iter()
            .any(|i| tokens.tokens[i].kind != TokenKind::Symbol)
        {
            return None;
        }
        let year = match mention.expr {
            DateExpr::Day { year, .. } | DateExpr::Month { year, .. } => year?,
            DateExpr::Year(year) => year,
            _ => return None,
        };
        if !YEARS.contains(&year) {
            return None;
        }
        let value = resolve(mention.expr, None)?;
        Some(Published {
            first: value.from?,
            last: value.to?,
            precision: value.precision,
        })
    }
}

/// Extracts every claim of a batch, on all threads, in order.
pub fn extract_all(rules: &RuleSet, documents: &[Document]) -> Vec<Claim> {
    documents
        .par_iter()
        .map(|d| extract(rules, d))
        .collect::<Vec<_>>()
        .concat()
}

/// [`extract_all`], with the warnings about values refused.
fn extract_batch(rules: &RuleSet, documents: &[Document]) -> (Vec<Claim>, Vec<Problem>) {
    let done: Vec<_> = documents
        .par_iter()
        .map(|d| extract_checked(rules, d))
        .collect();
    let mut claims = Vec::new();
    let mut warnings = Vec::new();
    for extraction in done {
        claims.extend(extraction.claims);
        warnings.extend(extraction.warnings);
    }
    (claims, warnings)
}

/// Receives each batch's claims and the documents of the batch (without
/// their text), in corpus order.
pub type ClaimSink<'a, E> = dyn FnMut(&[Claim], &[DocumentInfo]) -> std::result::Result<(), E> + 'a;

/// Reads `paths` and hands each batch's claims to `each` as soon as they
/// are extracted. `each` may stop the run by returning an error, which is
/// passed back, as are errors reading the input.
pub fn stream<E: From<crate::Error>>(
    rules: &RuleSet,
    paths: &[PathBuf],
    stdin: &mut dyn Read,
    each: &mut ClaimSink<'_, E>,
) -> std::result::Result<Streamed, E> {
    stream_with(rules, paths, &ReadOptions::default(), stdin, each)
}

/// [`stream`], reading documents with `options` (size limit, path policy).
pub fn stream_with<E: From<crate::Error>>(
    rules: &RuleSet,
    paths: &[PathBuf],
    options: &ReadOptions,
    stdin: &mut dyn Read,
    each: &mut ClaimSink<'_, E>,
) -> std::result::Result<Streamed, E> {
    let mut streamed = Streamed::default();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut failure: Option<E> = None;
    let mut refused = Vec::new();
    let mut flush = |batch: &mut Vec<Document>, failure: &mut Option<E>| {
        if failure.is_none() && !batch.is_empty() {
            let (claims, warnings) = extract_batch(rules, batch);
            refused.extend(warnings);
            let infos: Vec<DocumentInfo> = batch.iter().map(Document::info).collect();
            if let Err(e) = each(&claims, &infos) {
                *failure = Some(e);
            }
        }
        batch.clear();
    };
    let problems = corpus::read_dated(paths, options, &DateLines(rules), stdin, &mut |doc| {
        streamed.bytes += doc.text.len() as u64;
        streamed.documents.push(doc.info());
        batch.push(doc);
        if batch.len() == BATCH {
            flush(&mut batch, &mut failure);
        }
    })?;
    flush(&mut batch, &mut failure);
    streamed.problems = problems;
    streamed.problems.extend(refused);
    match failure {
        Some(e) => Err(e),
        None => Ok(streamed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Precision;

    #[test]
    fn publication_dates_in_words_are_read_whole() {
        let rules = crate::rules::load(None).unwrap();
        let lines = DateLines(&rules);
        let read = |t: &str| lines.date(t).map(|p| (p.display(), p.precision));
        let day = |d: &str| Some((d.to_string(), Precision::Day));
        assert_eq!(read("31 آب 2017"), day("2017-08-31"));
        assert_eq!(read("٣١ آب/أغسطس ٢٠١٧"), day("2017-08-31"));
        assert_eq!(read("31 August 2017"), day("2017-08-31"));
        assert_eq!(read("August 31, 2017"), day("2017-08-31"));
        assert_eq!(
            read("آب 2017"),
            Some(("2017-08".to_string(), Precision::Month))
        );
        assert_eq!(read("31 آب"), None, "no year: no publication date");
        assert_eq!(read("أمس"), None);
        assert_eq!(
            read("تحرير تلعفر 31 آب 2017"),
            None,
            "a date, not the whole text"
        );
    }
}
