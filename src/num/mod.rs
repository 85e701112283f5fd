//! Number algorithms with no interpreter state: int/float arithmetic with Python's semantics, and float formatting.
//!
//! The bottom leaf layer: it imports nothing of the crate.
#![forbid(unsafe_code)]

pub mod floatfmt;
pub mod ops;

/// Error carrying the exact CPython exception type and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOpError {
    ValueError(String),
    TypeError(String),
    OverflowError(String),
    ZeroDivisionError(String),
    IndexError(String),
}

impl TextOpError {
    /// Python exception class name for this error.
    pub fn type_name(&self) -> &'static str {
        match self {
            TextOpError::ValueError(_) => "ValueError",
            TextOpError::TypeError(_) => "TypeError",
            TextOpError::OverflowError(_) => "OverflowError",
            TextOpError::ZeroDivisionError(_) => "ZeroDivisionError",
            TextOpError::IndexError(_) => "IndexError",
        }
    }
    /// The exception message.
    pub fn message(&self) -> &str {
        match self {
            TextOpError::ValueError(m)
            | TextOpError::TypeError(m)
            | TextOpError::OverflowError(m)
            | TextOpError::ZeroDivisionError(m)
            | TextOpError::IndexError(m) => m,
        }
    }
}

impl std::fmt::Display for TextOpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.message())
    }
}
