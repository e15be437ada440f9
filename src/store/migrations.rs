//! Numbered, append-only schema migrations. Never edit a released step; add one.

/// Migration steps; step `i` takes `user_version` from `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[];
