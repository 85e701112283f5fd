//! `ast.dump(tree, indent=2)` (stub: replaced by the frontend work).
