//! Reading sweep results back: charts (plotters), the HTML/Markdown report, exports and the model recommendation.
//!
//! Invariant: nothing here runs Python or reaches into the VM; it works on `harness::results::BenchRow`s
//! (from a sweep or from `--json` files), so every rule is testable with hand-made rows.
pub mod recommend;
