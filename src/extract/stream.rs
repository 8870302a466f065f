//! Streaming extraction: documents are read a batch at a time, extracted on
//! every thread (rayon), and their claims handed on in corpus order, so the
//! text of a corpus never has to fit in memory at once.

use std::collections::VecDeque;
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;

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

/// Extracts every claim of a batch, on all threads, in order; each
/// document's claims are moved into the result, never copied.
pub fn extract_all(rules: &RuleSet, documents: &[Document]) -> Vec<Claim> {
    let done: Vec<Vec<Claim>> = documents.par_iter().map(|d| extract(rules, d)).collect();
    let mut claims = Vec::with_capacity(done.iter().map(Vec::len).sum());
    for mut some in done {
        claims.append(&mut some);
    }
    claims
}

/// A batch extracted: its claims (moved, in corpus order), the warnings
/// about values refused, and its documents (without their text).
struct Extracted {
    claims: Vec<Claim>,
    warnings: Vec<Problem>,
    documents: Vec<DocumentInfo>,
}

/// [`extract_all`], with the warnings about values refused.
fn extract_batch(rules: &RuleSet, documents: &[Document]) -> Extracted {
    let done: Vec<_> = documents
        .par_iter()
        .map(|d| extract_checked(rules, d))
        .collect();
    let mut out = Extracted {
        claims: Vec::with_capacity(done.iter().map(|e| e.claims.len()).sum()),
        warnings: Vec::new(),
        documents: documents.iter().map(Document::info).collect(),
    };
    for mut extraction in done {
        out.claims.append(&mut extraction.claims);
        out.warnings.append(&mut extraction.warnings);
    }
    out
}

/// Receives each batch's claims (to move out or read) and the documents of
/// the batch (without their text), in corpus order.
pub type ClaimSink<'a, E> =
    dyn FnMut(&mut Vec<Claim>, &[DocumentInfo]) -> std::result::Result<(), E> + 'a;

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

/// Hands batches on in order and keeps what they leave: the first error
/// of the sink stops further batches.
struct Handing<'s, 'a, E> {
    each: &'s mut ClaimSink<'a, E>,
    failure: Option<E>,
    refused: Vec<Problem>,
}

impl<E> Handing<'_, '_, E> {
    fn hand(&mut self, mut done: Extracted) {
        self.refused.append(&mut done.warnings);
        if self.failure.is_none()
            && let Err(e) = (self.each)(&mut done.claims, &done.documents)
        {
            self.failure = Some(e);
        }
    }
}

/// [`stream`], reading documents with `options` (size limit, path policy).
///
/// On more than one thread, the calling thread reads (and parses) the
/// next batch and hands the claims of the one before to `each` while the
/// pool extracts: reading, extraction and output overlap, so two cores
/// are both kept busy. On one thread everything runs in turn on the
/// calling thread, so a one-thread figure is one core's work.
pub fn stream_with<E: From<crate::Error>>(
    rules: &RuleSet,
    paths: &[PathBuf],
    options: &ReadOptions,
    stdin: &mut dyn Read,
    each: &mut ClaimSink<'_, E>,
) -> std::result::Result<Streamed, E> {
    let mut streamed = Streamed::default();
    let mut handing = Handing {
        each,
        failure: None,
        refused: Vec::new(),
    };
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut read = |doc: Document, batch: &mut Vec<Document>| {
        streamed.bytes += doc.text.len() as u64;
        streamed.documents.push(doc.info());
        batch.push(doc);
    };
    let problems = if rayon::current_num_threads() <= 1 {
        let problems = corpus::read_dated(paths, options, &DateLines(rules), stdin, &mut |doc| {
            read(doc, &mut batch);
            if batch.len() == BATCH && handing.failure.is_none() {
                handing.hand(extract_batch(rules, &batch));
                batch.clear();
            }
        });
        if handing.failure.is_none() && !batch.is_empty() {
            handing.hand(extract_batch(rules, &batch));
        }
        problems
    } else {
        overlapped(rules, &mut handing, &mut |sink| {
            corpus::read_dated(paths, options, &DateLines(rules), stdin, &mut |doc| {
                read(doc, &mut batch);
                if batch.len() == BATCH {
                    sink(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            })
            .inspect(|_| sink(std::mem::take(&mut batch)))
        })
    }?;
    streamed.problems = problems;
    streamed.problems.append(&mut handing.refused);
    match handing.failure {
        Some(e) => Err(e),
        None => Ok(streamed),
    }
}

/// Reads the corpus, handing each full batch to the sink it is given.
type Reading<'a, T> = dyn FnMut(&mut dyn FnMut(Vec<Document>)) -> T + 'a;

/// Batches in flight at once: one being extracted while the next is read.
const IN_FLIGHT: usize = 2;

/// Runs `read`, which hands each full batch to the sink it is given: the
/// batch is extracted on the pool while reading goes on, and the claims
/// of finished batches are handed on in order on this thread.
fn overlapped<E, T>(
    rules: &RuleSet,
    handing: &mut Handing<'_, '_, E>,
    read: &mut Reading<'_, T>,
) -> T {
    rayon::in_place_scope(|scope| {
        let mut waiting: VecDeque<mpsc::Receiver<Extracted>> = VecDeque::new();
        let mut submit = |batch: Vec<Document>| {
            if batch.is_empty() || handing.failure.is_some() {
                return;
            }
            if waiting.len() >= IN_FLIGHT
                && let Some(done) = waiting.pop_front().and_then(|r| r.recv().ok())
            {
                handing.hand(done);
            }
            let (tx, rx) = mpsc::sync_channel(1);
            scope.spawn(move |_| {
                let _ = tx.send(extract_batch(rules, &batch));
            });
            waiting.push_back(rx);
        };
        let result = read(&mut submit);
        for rx in waiting {
            if let Ok(done) = rx.recv() {
                handing.hand(done);
            }
        }
        result
    })
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
