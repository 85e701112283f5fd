"""A helper module with a syntax error (imported by import_syntax_error.py)."""
value = (1,
