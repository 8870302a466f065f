//! Saved claims: the JSONL `extract` writes, read back so that `compare`
//! and `report` judge claims without re-reading the articles.
//!
//! Each line is a claim (CLAIMS.md's JSON form), or one of two records
//! that carry what a report says besides the claims (an extension, see
//! docs/claims-extensions.md): `{"document":{…}}` for every document read
//! (a document with no claim still counts, and its date and address are
//! what the report shows), and `{"problem":{…}}` for every problem met
//! reading or extracting it. The wire types live here, below the writers,
//! so the writer and this reader cannot drift apart.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::source::{self, Line};
use super::{DocumentInfo, Problem, Published, ReadOptions, Severity};
use crate::claim::Claim;
use crate::error::{Error, Result};

/// A document as a line of saved claims carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    /// Document id.
    pub id: String,
    /// Outlet name.
    pub outlet: String,
    /// Publication date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Wire agencies the outlet carries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wires: Vec<String>,
    /// Where the article can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl DocumentRecord {
    /// The record of a document read.
    pub fn of(info: &DocumentInfo) -> DocumentRecord {
        DocumentRecord {
            id: info.id.clone(),
            outlet: info.outlet.clone(),
            published: info.published.map(|p| p.display()),
            language: info.language.clone(),
            wires: info.wires.clone(),
            url: info.url.clone(),
        }
    }

    fn info(self) -> std::result::Result<DocumentInfo, String> {
        let published = self.published.as_deref().map(Published::read).transpose()?;
        Ok(DocumentInfo {
            id: self.id,
            outlet: self.outlet,
            published,
            language: self.language,
            wires: self.wires,
            url: self.url,
        })
    }
}

/// A problem as a line of saved claims carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemRecord {
    /// The document's name.
    pub document: String,
    /// `warning` or `unreadable`.
    pub severity: SeverityRecord,
    /// What is wrong.
    pub message: String,
}

/// [`Severity`] in the wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityRecord {
    /// Processed, with a caveat.
    Warning,
    /// Not processed.
    Unreadable,
}

impl ProblemRecord {
    /// The record of a problem.
    pub fn of(problem: &Problem) -> ProblemRecord {
        ProblemRecord {
            document: problem.document.clone(),
            severity: match problem.severity {
                Severity::Warning => SeverityRecord::Warning,
                Severity::Unreadable => SeverityRecord::Unreadable,
            },
            message: problem.message.clone(),
        }
    }

    fn problem(self) -> Problem {
        Problem {
            document: self.document,
            severity: match self.severity {
                SeverityRecord::Warning => Severity::Warning,
                SeverityRecord::Unreadable => Severity::Unreadable,
            },
            message: self.message,
        }
    }
}

/// One line that is not a claim.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "lowercase")]
pub enum Record {
    /// A document read.
    Document(DocumentRecord),
    /// A problem met.
    Problem(ProblemRecord),
}

/// Claims read back, with the documents and problems saved beside them.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// Claims, in the order saved.
    pub claims: Vec<Claim>,
    /// Documents, in the order saved (from the claims themselves when the
    /// file has no document records).
    pub documents: Vec<DocumentInfo>,
    /// Problems saved, then problems met reading the files.
    pub problems: Vec<Problem>,
}

/// What has been read so far, to drop repeats.
#[derive(Default)]
struct Seen {
    saved: Saved,
    claims: HashSet<String>,
    documents: HashSet<String>,
    repeated: usize,
    records: bool,
}

impl Seen {
    fn line(&mut self, name: &str, line: &str) -> Result<()> {
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::Input(format!("{name}: not JSON: {e}")))?;
        let is_record = value.as_object().is_some_and(|o| {
            o.len() == 1 && (o.contains_key("document") || o.contains_key("problem"))
        });
        if is_record {
            self.records = true;
            let record: Record = serde_json::from_value(value).map_err(|e| {
                Error::Input(format!("{name}: not a document or problem record: {e}"))
            })?;
            return self.record(name, record);
        }
        let claim: Claim = serde_json::from_value(value)
            .map_err(|e| Error::Input(format!("{name}: not a claim: {e}")))?;
        if self.claims.insert(claim.id.clone()) {
            self.saved.claims.push(claim);
        } else {
            self.repeated += 1;
        }
        Ok(())
    }

    fn record(&mut self, name: &str, record: Record) -> Result<()> {
        match record {
            Record::Document(d) => {
                if self.documents.insert(d.id.clone()) {
                    let info = d
                        .info()
                        .map_err(|why| Error::Input(format!("{name}: publication date {why}")))?;
                    self.saved.documents.push(info);
                }
            }
            Record::Problem(p) => self.saved.problems.push(p.problem()),
        }
        Ok(())
    }

    /// Documents named by claims but by no record (a file saved before
    /// records were written, or cut short).
    fn documents_from_claims(&mut self) -> usize {
        let mut added = 0;
        for claim in &self.saved.claims {
            if self.documents.insert(claim.doc.clone()) {
                self.saved.documents.push(DocumentInfo {
                    id: claim.doc.clone(),
                    outlet: claim.outlet.clone(),
                    published: None,
                    language: None,
                    wires: Vec::new(),
                    url: None,
                });
                added += 1;
            }
        }
        added
    }
}

fn read_lines(
    seen: &mut Seen,
    reader: &mut dyn Read,
    origin: &str,
    options: &ReadOptions,
) -> Result<()> {
    let mut reader = BufReader::new(reader);
    let mut bytes = Vec::new();
    for n in 1.. {
        let name = format!("{origin}:{n}");
        match source::read_line(&mut reader, options.max_document_bytes, &mut bytes) {
            Ok(Line::Read) => {}
            Ok(Line::End) => break,
            Ok(Line::TooLong) => {
                return Err(Error::Input(format!("{name}: {}", options.too_large())));
            }
            Err(e) => return Err(Error::Input(format!("{name}: cannot read: {e}"))),
        }
        if n == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
            bytes.drain(..3);
        }
        let line = std::str::from_utf8(&bytes)
            .map_err(|e| Error::Input(format!("{name}: not UTF-8: {e}")))?;
        if !line.trim().is_empty() {
            seen.line(&name, line)?;
        }
    }
    Ok(())
}

fn open(path: &Path) -> Result<File> {
    source::open_regular(path)
        .map(|(file, _)| file)
        .map_err(|why| Error::Input(format!("{}: {why}", path.display())))
}

/// Reads saved claims from `paths` (`-` and `/dev/stdin`: from `stdin`).
/// A line that is neither a claim nor a record is an error naming the
/// file and line; a claim or document given twice (the same file twice,
/// or two runs' files) is kept once, with a warning.
pub fn read_saved(paths: &[PathBuf], options: &ReadOptions, stdin: &mut dyn Read) -> Result<Saved> {
    let mut seen = Seen::default();
    for path in paths {
        if path.as_os_str() == "-" || source::is_stdin(path) {
            read_lines(&mut seen, stdin, "<stdin>", options)?;
        } else {
            let mut file = open(path)?;
            read_lines(&mut seen, &mut file, &path.display().to_string(), options)?;
        }
    }
    let origin = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let added = seen.documents_from_claims();
    let mut warn = |message: String| {
        seen.saved.problems.push(Problem {
            document: origin.clone(),
            severity: Severity::Warning,
            message,
        })
    };
    if added > 0 {
        let why = if seen.records {
            "have claims but no document record"
        } else {
            "are known only from their claims (the file has no document records)"
        };
        warn(format!(
            "{added} documents {why}: their publication dates and addresses are unknown"
        ));
    }
    if seen.repeated > 0 {
        warn(format!(
            "{} claims given more than once; each kept once",
            seen.repeated
        ));
    }
    Ok(seen.saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Saved> {
        read_saved(
            &[PathBuf::from("-")],
            &ReadOptions::default(),
            &mut text.as_bytes(),
        )
    }

    const CLAIM: &str = r#"{"id":"abc","ref":"a#1","doc":"a","outlet":"X","kind":"killed_count","subject":"rawa","qualifier":{},"value":{"min":3,"max":3},"span":[0,1],"quote":"3","sentence":"3.","rule":"r","speaker":null}"#;

    #[test]
    fn records_and_claims_are_read_back() {
        let text = format!(
            "{}\n{CLAIM}\n{}\n",
            r#"{"document":{"id":"a","outlet":"X","published":"2017-11","url":"https://x.example/a"}}"#,
            r#"{"problem":{"document":"b.txt","severity":"unreadable","message":"cannot read"}}"#
        );
        let saved = read(&text).unwrap();
        assert_eq!(saved.claims.len(), 1);
        assert_eq!(saved.claims[0].position, "a#1");
        assert_eq!(saved.documents.len(), 1);
        assert_eq!(saved.documents[0].published.unwrap().display(), "2017-11");
        assert_eq!(saved.problems.len(), 1);
        assert_eq!(saved.problems[0].severity, Severity::Unreadable);
    }

    #[test]
    fn claims_without_records_still_name_their_documents() {
        let saved = read(&format!("{CLAIM}\n{CLAIM}\n")).unwrap();
        assert_eq!(saved.claims.len(), 1, "a repeated claim is kept once");
        assert_eq!(saved.documents.len(), 1);
        assert_eq!(saved.documents[0].outlet, "X");
        let messages: Vec<&str> = saved.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages[0].contains("no document records"), "{messages:?}");
        assert!(messages[1].contains("more than once"), "{messages:?}");
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = read(&format!("{CLAIM}\n{{\"id\":1}}\n"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("<stdin>:2: not a claim"), "{err}");
        let err = read("{\"document\":{\"id\":\"a\"}}\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("<stdin>:1: not a document or problem record"),
            "{err}"
        );
        let err = read("[1,\n").unwrap_err().to_string();
        assert!(err.starts_with("<stdin>:1: not JSON"), "{err}");
    }
}
