//! Integration tests: corpora.
