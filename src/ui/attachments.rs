//! The enclosures of an article (podcast audio, video, files) as lines at the end of its
//! body: number, type, size, duration and address, with the keys that play or download one.
//! Sanitised like every other piece of feed text before it becomes a `Span`.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::model::Enclosure;
use crate::sanitize::sanitize_line;

/// The lines listing `enclosures` (none when there are none): a blank line, a heading with
/// the keys, then `[n] type, size, duration  address`.
pub fn enclosure_lines(enclosures: &[Enclosure]) -> Vec<Line<'static>> {
    if enclosures.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::raw(""),
        Line::styled(
            "Enclosures (p plays, d downloads; a number first picks one):",
            Style::default().add_modifier(Modifier::BOLD),
        ),
    ];
    for (i, e) in enclosures.iter().enumerate() {
        let about = sanitize_line(&e.describe());
        let mut spans = vec![Span::styled(
            format!("[{}] ", i + 1),
            Style::default().fg(Color::Cyan),
        )];
        if !about.is_empty() {
            spans.push(Span::raw(format!("{about}  ")));
        }
        spans.push(Span::styled(
            sanitize_line(&e.url),
            Style::default().fg(Color::Cyan),
        ));
        lines.push(Line::from(spans));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_enclosure_gets_a_numbered_line_with_what_is_known() {
        assert!(enclosure_lines(&[]).is_empty());
        let lines = enclosure_lines(&[
            Enclosure {
                url: "https://example.org/a.mp3".into(),
                mime: Some("audio/mpeg".into()),
                length: Some(12_345_678),
                duration_secs: Some(3723),
            },
            Enclosure {
                url: "https://example.org/\u{1b}[31mb.png".into(),
                mime: None,
                length: None,
                duration_secs: None,
            },
        ]);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text[2],
            "[1] audio/mpeg, 12.3 MB, 1:02:03  https://example.org/a.mp3"
        );
        assert!(!text[3].contains('\u{1b}'), "{}", text[3]);
        assert!(text[3].starts_with("[2] https://example.org/"));
    }
}
