//! Disassembler (stub: replaced by the compiler work).
