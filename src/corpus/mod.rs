//! Documents and their metadata, read from every form a desk hands us: a
//! directory with `manifest.yaml`, a directory of `.txt`/`.md` files with
//! YAML front matter, a JSONL file (or `-` for stdin), or a single file.
//!
//! Nothing is dropped silently: a document that cannot be read becomes a
//! [`Problem`] naming it, and missing metadata is a warning.

mod address;
mod meta;
mod published;
mod saved;
mod source;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use address::is_web_address;
pub use published::{NoDateWords, Published, ReadsDates, last_of_month};
pub use saved::{DocumentRecord, ProblemRecord, Record, Saved, SeverityRecord, read_saved};
pub use source::{MB, ReadOptions};

use crate::error::{Error, Result, RuleError};
use crate::yaml;
use meta::{Manifest, Meta};
use source::{Line, split_front_matter};

/// The outlet name of a document that names none.
pub const UNKNOWN: &str = "unknown";

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    /// Unique id within the corpus.
    pub id: String,
    /// Outlet name, or [`UNKNOWN`].
    pub outlet: String,
    /// Publication date, where known.
    pub published: Option<Published>,
    /// Language code (`ar`, `en`), where known.
    pub language: Option<String>,
    /// Wire agencies the outlet says it carries (AFP, Reuters…).
    pub wires: Vec<String>,
    /// Where the article can be read (its web address), where given.
    pub url: Option<String>,
    /// Where it came from, for messages.
    pub origin: String,
    /// The article text; claim spans count its bytes.
    pub text: String,
}

/// What is kept of a document once its claims are extracted: what a
/// report names it by and links it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Document id.
    pub id: String,
    /// Outlet name.
    pub outlet: String,
    /// Publication date, where known.
    pub published: Option<Published>,
    /// Language code, where known.
    pub language: Option<String>,
    /// Wire agencies the outlet says it carries.
    pub wires: Vec<String>,
    /// Where the article can be read, where given.
    pub url: Option<String>,
}

impl Document {
    /// Its id, outlet, publication date, language, wires and address.
    pub fn info(&self) -> DocumentInfo {
        DocumentInfo {
            id: self.id.clone(),
            outlet: self.outlet.clone(),
            published: self.published,
            language: self.language.clone(),
            wires: self.wires.clone(),
            url: self.url.clone(),
        }
    }
}

/// How bad a problem with one document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The document was processed, with a caveat.
    Warning,
    /// The document could not be read and was not processed.
    Unreadable,
}

/// Something wrong with one document, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The document's name (path, or `file:line` for JSONL).
    pub document: String,
    /// Warning or unreadable.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

/// How many of `problems` are documents that could not be read.
pub fn unreadable(problems: &[Problem]) -> usize {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Unreadable)
        .count()
}

/// The documents read, and what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Documents read, in input order.
    pub documents: Vec<Document>,
    /// Problems met, in input order.
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// How many documents could not be read.
    pub fn unreadable(&self) -> usize {
        unreadable(&self.problems)
    }
}

/// Reads documents one at a time, handing each to a sink; keeps the problems.
pub struct Reader<'s> {
    problems: Vec<Problem>,
    seen: HashMap<String, usize>,
    /// Every id handed on, so a renamed duplicate cannot take an id a
    /// document already has (or will have: see [`Reader::emit`]).
    taken: HashSet<String>,
    options: ReadOptions,
    dates: &'s dyn ReadsDates,
    sink: &'s mut dyn FnMut(Document),
}

impl Reader<'_> {
    fn warn(&mut self, document: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            document: document.to_string(),
            severity: Severity::Warning,
            message: message.into(),
        });
    }

    fn unreadable_doc(&mut self, document: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            document: document.to_string(),
            severity: Severity::Unreadable,
            message: message.into(),
        });
    }

    /// Hands a document on, renaming a duplicate id with a warning: `a`
    /// becomes `a~2`, or `a~3` when `a~2` is taken. A literal `a~2` that
    /// comes after a renamed one is itself a duplicate and renamed in turn.
    fn emit(&mut self, mut doc: Document) {
        if self.taken.contains(&doc.id) {
            let count = self.seen.entry(doc.id.clone()).or_insert(1);
            let new_id = loop {
                *count += 1;
                let candidate = format!("{}~{}", doc.id, count);
                if !self.taken.contains(&candidate) {
                    break candidate;
                }
            };
            let message = format!("duplicate document id `{}`; renamed `{new_id}`", doc.id);
            doc.id = new_id;
            let origin = doc.origin.clone();
            self.warn(&origin, message);
        }
        self.taken.insert(doc.id.clone());
        (self.sink)(doc);
    }
}

/// Reads every path (`-` reads JSONL from `stdin`), handing each document
/// to `each` as soon as it is read, so a corpus need not fit in memory.
/// Returns the problems met; fails only when a path does not exist or a
/// manifest cannot be parsed.
pub fn read(
    paths: &[PathBuf],
    stdin: &mut dyn Read,
    each: &mut dyn FnMut(Document),
) -> Result<Vec<Problem>> {
    read_with(paths, &ReadOptions::default(), stdin, each)
}

/// [`read`] with the size limit and path policy of `options`. `-` and
/// `/dev/stdin` read JSONL from `stdin`; a path that is neither a
/// directory nor a regular file (a device, a FIFO) is a named problem,
/// never opened.
pub fn read_with(
    paths: &[PathBuf],
    options: &ReadOptions,
    stdin: &mut dyn Read,
    each: &mut dyn FnMut(Document),
) -> Result<Vec<Problem>> {
    read_dated(paths, options, &NoDateWords, stdin, each)
}

/// [`read_with`], reading publication dates written in words
/// («31 آب 2017», "31 August 2017") with `dates`.
pub fn read_dated(
    paths: &[PathBuf],
    options: &ReadOptions,
    dates: &dyn ReadsDates,
    stdin: &mut dyn Read,
    each: &mut dyn FnMut(Document),
) -> Result<Vec<Problem>> {
    let mut reader = Reader {
        problems: Vec::new(),
        seen: HashMap::new(),
        taken: HashSet::new(),
        options: *options,
        dates,
        sink: each,
    };
    for path in paths {
        if path.as_os_str() == "-" || source::is_stdin(path) {
            read_jsonl(&mut reader, &mut BufReader::new(&mut *stdin), "<stdin>");
        } else if path.is_dir() {
            read_dir(&mut reader, path)?;
        } else if path.exists() {
            read_file(&mut reader, path);
        } else {
            return Err(Error::Input(format!(
                "{}: no such file or directory",
                path.display()
            )));
        }
    }
    Ok(reader.problems)
}

/// Reads every path into memory; see [`read`].
pub fn load(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Corpus> {
    load_with(paths, &ReadOptions::default(), stdin)
}

/// Reads every path into memory; see [`read_with`].
pub fn load_with(paths: &[PathBuf], options: &ReadOptions, stdin: &mut dyn Read) -> Result<Corpus> {
    let mut documents = Vec::new();
    let problems = read_with(paths, options, stdin, &mut |doc| documents.push(doc))?;
    Ok(Corpus {
        documents,
        problems,
    })
}

fn read_dir(corpus: &mut Reader<'_>, dir: &Path) -> Result<()> {
    let manifest = dir.join("manifest.yaml");
    if manifest.is_file() {
        return read_manifest(corpus, dir, &manifest);
    }
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "jsonl")
            ) && !p.is_dir()
        })
        .collect();
    files.sort();
    let root = source::resolved_dir(dir);
    for file in files {
        if source::allowed(corpus, &root, &file) {
            read_file(corpus, &file);
        }
    }
    Ok(())
}

fn read_manifest(corpus: &mut Reader<'_>, dir: &Path, manifest: &Path) -> Result<()> {
    let name = manifest.display().to_string();
    let text = fs::read_to_string(manifest).map_err(|e| Error::io(manifest, e))?;
    yaml::check_expansion(&name, &text)?;
    let parsed: Manifest =
        serde_norway::from_str(&text).map_err(|e| RuleError::from_yaml(&name, &text, &e))?;
    let root = source::resolved_dir(dir);
    for (n, entry) in parsed.documents.into_iter().enumerate() {
        let entry_name = format!("{name} entry {}", n + 1);
        let meta = match serde_norway::from_value::<Meta>(entry) {
            Ok(meta) => meta,
            Err(e) => {
                corpus.unreadable_doc(&entry_name, format!("not a manifest entry: {e}"));
                continue;
            }
        };
        let Some(file) = meta.file.clone() else {
            corpus.unreadable_doc(&entry_name, "no `file` given");
            continue;
        };
        let path = dir.join(&file);
        if !source::allowed(corpus, &root, &path) {
            continue;
        }
        let origin = path.display().to_string();
        match read_text(corpus, &path) {
            Some(body) => push(corpus, meta, body, &origin, &stem(&path)),
            None => continue,
        }
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads a file as UTF-8; invalid bytes are replaced and warned about, an
/// unreadable file is recorded as a problem.
fn read_text(corpus: &mut Reader<'_>, path: &Path) -> Option<String> {
    let origin = path.display().to_string();
    match source::read_document(path, &corpus.options) {
        Ok(bytes) => Some(decode(corpus, &origin, bytes)),
        Err(message) => {
            corpus.unreadable_doc(&origin, message);
            None
        }
    }
}

fn decode(corpus: &mut Reader<'_>, origin: &str, bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            corpus.warn(
                origin,
                format!("not valid UTF-8 (first bad byte at offset {at}); invalid bytes replaced by U+FFFD"),
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

fn read_file(corpus: &mut Reader<'_>, path: &Path) {
    let origin = path.display().to_string();
    if path.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        match source::open_regular(path) {
            Ok((f, _)) => read_jsonl(corpus, &mut BufReader::new(f), &origin),
            Err(message) => corpus.unreadable_doc(&origin, message),
        }
        return;
    }
    let Some(text) = read_text(corpus, path) else {
        return;
    };
    let (meta, body) = match split_front_matter(&text) {
        Some((yaml, body)) => match yaml::check_expansion(&origin, yaml)
            .map_err(|e| e.message)
            .and_then(|()| {
                serde_norway::from_str::<Meta>(yaml)
                    .map_err(|e| RuleError::from_yaml(&origin, yaml, &e).message)
            }) {
            Ok(meta) => (meta, body.to_string()),
            Err(message) => {
                corpus.warn(&origin, format!("front matter ignored: {message}"));
                (Meta::default(), body.to_string())
            }
        },
        None => (Meta::default(), text),
    };
    push(corpus, meta, body, &origin, &stem(path));
}

/// Reads one article a line; a line past the size limit is skipped
/// without being held in memory, and a byte-order mark before the first
/// line is dropped.
fn read_jsonl(corpus: &mut Reader<'_>, reader: &mut dyn BufRead, origin: &str) {
    let limit = corpus.options.max_document_bytes;
    let mut bytes = Vec::new();
    for n in 0.. {
        let name = format!("{origin}:{}", n + 1);
        match source::read_line(reader, limit, &mut bytes) {
            Ok(Line::Read) => {}
            Ok(Line::End) => break,
            Ok(Line::TooLong) => {
                let message = corpus.options.too_large();
                corpus.unreadable_doc(&name, message);
                continue;
            }
            Err(e) => {
                corpus.unreadable_doc(&name, format!("cannot read: {e}"));
                break;
            }
        }
        if n == 0 && bytes.starts_with("\u{feff}".as_bytes()) {
            bytes.drain(..3);
        }
        let line = decode(corpus, &name, std::mem::take(&mut bytes));
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Meta>(&line) {
            Ok(mut meta) => match meta.text.take() {
                Some(text) => push(corpus, meta, text, &name, &format!("{}", n + 1)),
                None => corpus.unreadable_doc(&name, "no `text` field"),
            },
            Err(e) => corpus.unreadable_doc(&name, format!("not a JSON article: {e}")),
        }
    }
}

fn push(corpus: &mut Reader<'_>, meta: Meta, text: String, origin: &str, fallback_id: &str) {
    let id = meta.id.unwrap_or_else(|| fallback_id.to_string());
    if text.trim().is_empty() {
        corpus.warn(origin, "empty document; no claims");
    }
    let outlet = match meta.outlet.filter(|o| !o.trim().is_empty()) {
        Some(outlet) => outlet,
        None => {
            corpus.warn(origin, "no outlet given; processed as `unknown`");
            UNKNOWN.to_string()
        }
    };
    let published = match meta.published.as_deref() {
        Some(p) => match published::publication(p, corpus.dates) {
            Ok((published, note)) => {
                if let Some(note) = note {
                    corpus.warn(origin, note);
                }
                Some(published)
            }
            Err(why) => {
                corpus.warn(
                    origin,
                    format!("publication date {why}; relative dates stay unresolved"),
                );
                None
            }
        },
        None => {
            corpus.warn(
                origin,
                "no publication date; relative dates stay unresolved",
            );
            None
        }
    };
    let url = address::checked(corpus, origin, meta.url);
    corpus.emit(Document {
        id,
        outlet,
        published,
        language: meta.language,
        wires: meta.wires,
        url,
        origin: origin.to_string(),
        text,
    });
}

#[cfg(test)]
mod tests;
