//! Errors (fatal: no chart) and warnings (non-fatal: a chart, plus a note).
//!
//! Every message names the JSON path of the field it is about, so a journalist
//! can find the mistake: `data[2].value: expected a number, found "51 million"`.

use std::fmt;

/// Why a spec could not be drawn. Display gives `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// JSON path of the offending field (`data[2].value`); empty for the whole spec.
    pub path: String,
    /// One sentence saying what is wrong and, where possible, how to fix it.
    pub message: String,
    /// Line of the spec text (1-based), when the spec was parsed from text.
    pub line: Option<usize>,
    /// Column of the spec text (1-based), when the spec was parsed from text.
    pub column: Option<usize>,
}

impl Error {
    /// An error about the field at `path`.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { path: path.into(), message: message.into(), line: None, column: None }
    }
}

/// "path: message", or the message alone for the whole spec.
fn with_path(f: &mut fmt::Formatter<'_>, path: &str, message: &str) -> fmt::Result {
    if path.is_empty() {
        f.write_str(message)
    } else {
        write!(f, "{path}: {message}")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        with_path(f, &self.path, &self.message)
    }
}

impl std::error::Error for Error {}

/// Something the chart was drawn despite (a label shortened, an option ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON path of the field concerned; empty for the whole chart.
    pub path: String,
    /// What happened.
    pub message: String,
}

impl Warning {
    /// A warning about the field at `path`.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        with_path(f, &self.path, &self.message)
    }
}
