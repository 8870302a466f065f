//! Streaming extraction: documents are read a batch at a time, extracted on
//! every thread (rayon), and their claims handed on in corpus order, so the
//! text of a corpus never has to fit in memory at once.

use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::claim::Claim;
use crate::corpus::{self, Document, DocumentInfo, Problem, ReadOptions};
use crate::extract::{extract, extract_checked};
use crate::rules::RuleSet;

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
    let problems = corpus::read_with(paths, options, stdin, &mut |doc| {
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
