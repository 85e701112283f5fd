//! The builtin types' behaviour, one file per type (CPython's `Objects/`): methods, constructors, protocols, formatting.
//!
//! Each file installs its type's methods into the interpreter's classes and implements what the
//! eval loop dispatches to (`vm/ops.rs` calls `arith`, `containers` and `format` here). Types sit
//! beside `vm` (they call back into the interpreter to run Python code, as CPython's objects call
//! the eval loop) and below `stdlib`, which they never import.

#![forbid(unsafe_code)]

pub mod args;
pub mod arith;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod containers;
pub mod descr;
pub mod dict;
pub mod format;
pub mod gen;
pub mod iter;
pub mod list;
pub mod native_subclass;
pub mod number;
pub mod seq;
pub mod set;
pub mod str;
