//! crosscheck reads news articles, extracts claims (fighter counts,
//! airstrikes, liberated area, dates of events…) with YAML rules, links
//! them by entity and source, and reports where outlets agree and where
//! they contradict each other.
//!
//! The modules follow the pipeline: [`text`] (normalization, tokens) →
//! [`rules`] → [`extract`] (with [`entity`]) → [`compare`] → [`graph`] →
//! [`report`]. [`corpus`] reads the documents; [`claim`] is the plain data
//! every stage passes on; [`eval`] scores a run against a gold annotation.
//! The `crosscheck` binary's `cli` uses them all.

#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod bench;
pub mod claim;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod extract;
pub mod graph;
pub mod recognize;
pub mod report;
pub mod rules;
pub mod text;

pub use error::{Error, Result};
