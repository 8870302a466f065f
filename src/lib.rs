//! crosscheck reads news articles, extracts claims (fighter counts,
//! airstrikes, liberated area, dates of events…) with YAML rules, links
//! them by entity and source, and reports where outlets agree and where
//! they contradict each other.
//!
//! The modules are layered, lowest first; each uses only those before it
//! (a test, `tests/architecture.rs`, holds the order):
//!
//! - [`error`], [`yaml`] (the alias guard on user YAML), [`text`] (normalization, tokens, phrase tables), [`claim`]
//!   (the plain data every stage passes on), [`corpus`] (documents);
//! - [`recognize`]: the lexical readers — numbers, dates, entity names,
//!   speakers — built from plain word lists; a [`rules::RuleSet`] holds
//!   them compiled (public for the fuzz targets and for callers that want
//!   one reader alone);
//! - [`rules`]: YAML rule files compiled into a checked [`rules::RuleSet`];
//! - [`extract`]: the driver that runs compiled rules over a document;
//! - [`review`]: a reviewer's corrections (`review.yaml`) applied to the
//!   claims before they are compared;
//! - [`compare`]: claims judged key by key into an [`compare::Analysis`];
//! - [`graph`], [`store`] (a running fact-check in one SQLite file: ingest
//!   run after run, read back by every report), [`eval`] (scoring against
//!   gold), [`report`] (renderers only), [`diff`] (what changed between two
//!   runs), [`bench`](mod@bench).
//!
//! Embedding crosscheck takes four calls — load the rules, extract a
//! document, compare, render:
//!
//! ```
//! use crosscheck::compare::{Analysis, Standards};
//! use crosscheck::corpus::{Document, Published};
//! use crosscheck::report::{Format, Style, Subject};
//!
//! let rules = crosscheck::rules::load(None)?; // the bundled rules
//! let doc = Document {
//!     id: "a".into(),
//!     outlet: "Example News".into(),
//!     published: Published::parse("2017-11-04"),
//!     language: Some("ar".into()),
//!     wires: Vec::new(),
//!     url: None,
//!     origin: "example".into(),
//!     text: "أعلن الجيش العراقي تحرير مدينة القائم يوم الجمعة 3 تشرين الثاني 2017.".into(),
//! };
//! let claims = crosscheck::extract::extract(&rules, &doc);
//! assert!(claims.iter().any(|c| c.kind == "event_date" && c.subject == "al-qaim"));
//! let analysis = Analysis::from_claims(&Standards::of(&rules), claims, 1, Vec::new());
//! let mut out = Vec::new();
//! Format::ReportMarkdown.render(Subject::Analysis(&analysis), Style::default(), &mut out)?;
//! assert!(String::from_utf8(out)?.contains("al-qaim"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod bench;
pub mod claim;
pub mod compare;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod eval;
pub mod extract;
pub mod graph;
pub mod recognize;
pub mod report;
pub mod review;
pub mod rules;
pub mod store;
pub mod text;
pub mod yaml;

pub use error::{Error, Result};
