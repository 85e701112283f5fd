//! Text algorithms with no interpreter state: Unicode tables, `str` methods, reprs, parsing numbers from text, the format-spec mini-language, `str.format` templates and `%`-formatting.
//!
//! A leaf layer: it imports nothing of the crate but `num` (float formatting), so `object`,
//! `types` and the front end can all share it.
#![forbid(unsafe_code)]

pub mod formatspec;
pub mod numparse;
pub mod percent;
pub mod strfmt;
pub mod strmethods;
pub mod strrepr;
// Generated (see unitables_gen.py): kept in the generator's layout, not rustfmt's.
#[rustfmt::skip]
pub mod unitables;

pub use crate::num::TextOpError;
