//! Symbol table (stub: replaced by the compiler work).
