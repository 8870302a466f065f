//! JSON renderers, in the wire forms of CLAIMS.md (and the extensions
//! of docs/claims-extensions.md: the report's `documents`).

use std::io::{self, Write};

use serde::Serialize;

use crate::claim::Claim;
use crate::compare::Comparison;
use crate::compare::{Analysis, Summary};
use crate::corpus::{DocumentInfo, DocumentRecord, Problem, ProblemRecord, Record};
use crate::review::Applied;

/// One claim a line.
pub fn write_claims_jsonl(claims: &[Claim], out: &mut dyn Write) -> io::Result<()> {
    for claim in claims {
        serde_json::to_writer(&mut *out, claim)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A `{"document":{…}}` line for each document: saved beside the claims,
/// so `report --claims` knows every document read, its date and address.
pub fn write_documents_jsonl(documents: &[DocumentInfo], out: &mut dyn Write) -> io::Result<()> {
    for document in documents {
        serde_json::to_writer(&mut *out, &Record::Document(DocumentRecord::of(document)))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A `{"problem":{…}}` line for each problem met reading or extracting.
pub fn write_problems_jsonl(problems: &[Problem], out: &mut dyn Write) -> io::Result<()> {
    for problem in problems {
        serde_json::to_writer(&mut *out, &Record::Problem(ProblemRecord::of(problem)))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// All claims as one pretty JSON array.
pub fn write_claims_json(claims: &[Claim], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, claims)?;
    out.write_all(b"\n")
}

/// One object a comparison key, as a pretty JSON array.
pub fn write_comparisons_json(comparisons: &[Comparison], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, comparisons)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct ReportJson<'a> {
    summary: &'a Summary,
    problems: Vec<ProblemJson<'a>>,
    comparisons: &'a [Comparison],
    claims: &'a [Claim],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    documents: Vec<DocumentJson<'a>>,
    #[serde(skip_serializing_if = "<[Applied]>::is_empty")]
    corrections: &'a [Applied],
}

/// A document as the report names it (extension): id, outlet,
/// publication date as given, address.
#[derive(Serialize)]
struct DocumentJson<'a> {
    id: &'a str,
    outlet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    document: &'a str,
    unreadable: bool,
    message: &'a str,
}

/// The whole report: summary, problems, comparisons and claims.
pub fn write_report_json(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let report = ReportJson {
        summary: &analysis.summary,
        problems: analysis
            .problems
            .iter()
            .map(|p| ProblemJson {
                document: &p.document,
                unreadable: p.severity == crate::corpus::Severity::Unreadable,
                message: &p.message,
            })
            .collect(),
        comparisons: &analysis.comparisons,
        claims: &analysis.claims,
        documents: analysis
            .documents
            .iter()
            .map(|d| DocumentJson {
                id: &d.id,
                outlet: &d.outlet,
                published: d.published.map(|p| p.display()),
                url: d.url.as_deref(),
            })
            .collect(),
        corrections: &analysis.corrections,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
