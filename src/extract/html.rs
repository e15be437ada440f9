//! HTML to plain text by a real HTML parse (html2text), not by stripping tags with regexes.

/// Renders `html` as plain text wrapped at no fixed width: paragraphs separated by blank lines,
/// list items on their own lines, no link footnotes. The result is sanitised.
pub fn html_to_text(html: &str) -> String {
    todo!("{html}")
}
