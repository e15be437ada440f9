//! Finding the feeds an HTML page links with `<link rel="alternate">`.

/// Absolute URLs of the RSS/Atom/JSON feeds that `html` links, resolved against `base`.
pub fn alternate_feeds(html: &[u8], base: &str) -> Vec<String> {
    todo!("{html:?}{base}")
}

/// True when `body` looks like an HTML page rather than a feed.
pub fn looks_like_html(body: &[u8], content_type: Option<&str>) -> bool {
    todo!("{body:?}{content_type:?}")
}
