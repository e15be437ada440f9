//! Pure text functions: HTML to text now; the entity extractor joins later.
//!
//! Nothing here does I/O at call time.

pub mod gazetteer;
pub mod html;
