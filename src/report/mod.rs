//! Reading sweep results back: charts (plotters), the HTML/Markdown report, exports and the model recommendation.
//!
//! Invariant: nothing here runs Python or reaches into the VM; it works on `harness::results::BenchRow`s
//! (from a sweep or from `--json` files), so every rule is testable with hand-made rows. Of `runtime` it
//! names only the plain data types of `runtime::timeline` (drawn by `timeline_chart`) and `ModelKind`.
#![forbid(unsafe_code)]

pub mod charts;
pub mod compare_page;
pub mod csv;
pub mod decision;
#[cfg(test)]
mod fixtures;
pub mod html;
pub mod markdown;
pub mod overview;
pub mod palette;
pub mod pyperf;
pub mod recommend;
pub mod timeline_chart;
pub mod views;
pub mod writer;

pub use csv::to_csv;
pub use markdown::to_markdown;
pub use writer::{read_inputs, write_report};
