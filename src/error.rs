//! Error types of the library, one per stage, each naming the file (and
//! line and column where the YAML parser knows them) that caused it.

use std::fmt;
use std::path::Path;

/// An error in a rule file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file, as given or as bundled (`rules/claims/counts.yaml`).
    pub path: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// What is wrong, in the analyst's words.
    pub message: String,
}

impl RuleError {
    /// An error at no particular position of `path`.
    pub fn new(path: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            path: path.to_string(),
            position: None,
            message: message.into(),
        }
    }

    /// An error about `value`, placed where it first stands after `anchor`
    /// (a rule's id) in the file's text; at no position when not found.
    pub fn at_value(
        path: &str,
        source: &str,
        anchor: &str,
        value: &str,
        message: String,
    ) -> RuleError {
        let from = source.find(anchor).unwrap_or(0);
        let position = source[from..].find(value).map(|found| {
            let index = from + found;
            let line_start = source[..index].rfind('\n').map_or(0, |n| n + 1);
            (
                source[..index].matches('\n').count() + 1,
                source[line_start..index].chars().count() + 1,
            )
        });
        RuleError {
            path: path.to_string(),
            position,
            message,
        }
    }

    /// Wraps a YAML error from parsing `source`, keeping the parser's line
    /// and column.
    ///
    /// A check made while deserializing (an unknown kind, say) is placed by
    /// the parser at the start of the enclosing entry; when the message
    /// quotes the offending value, the position moves on to where that
    /// value stands.
    pub fn from_yaml(path: &str, source: &str, err: &serde_norway::Error) -> RuleError {
        let text = err.to_string();
        // The parser appends " at line L column C"; we print the position first instead.
        let message = match text.rfind(" at line ") {
            Some(cut) => text[..cut].to_string(),
            None => text,
        };
        let mut position = err.location().map(|l| (l.line(), l.column()));
        if let Some(at) = err.location().map(|l| l.index())
            && let Some(value) = message.split('"').nth(1).filter(|v| !v.is_empty())
            && let Some(found) = source.get(at..).and_then(|rest| rest.find(value))
        {
            let index = at + found;
            let line_start = source[..index].rfind('\n').map_or(0, |n| n + 1);
            position = Some((
                source[..index].matches('\n').count() + 1,
                source[line_start..index].chars().count() + 1,
            ));
        }
        RuleError {
            path: path.to_string(),
            position,
            message,
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more rule files are wrong; all of them are listed.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rules(Vec<RuleError>),
    /// A gold annotation is wrong or does not fit its corpus.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Gold(Vec<RuleError>),
    /// A path could not be read at all.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The input is not what crosscheck reads.
    #[error("{0}")]
    Input(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

impl From<RuleError> for Error {
    fn from(err: RuleError) -> Error {
        Error::Rules(vec![err])
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
