//! The enclosures of an article (podcast audio, video, files) as lines at the end of its
//! body: number, type, size, duration and address (wrapped to the pane), with the keys that
//! play or download one. Sanitised like every other piece of feed text before it becomes a
//! `Span`.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::model::Enclosure;
use crate::sanitize::sanitize_line;
use crate::ui::text::wrap;

/// Lines an enclosure's address may take (a longer one ends in `…`).
const MAX_URL_LINES: usize = 8;

/// The lines listing `enclosures` (none when there are none), wrapped to `width` columns: a
/// blank line, the heading `hint` (which names the keys bound to play and download one),
/// then for each `[n] type, size, duration` and its address on the lines below (cut across
/// lines when wider than the pane, so that all of it can be read).
pub fn enclosure_lines(enclosures: &[Enclosure], hint: &str, width: u16) -> Vec<Line<'static>> {
    if enclosures.is_empty() {
        return Vec::new();
    }
    let width = usize::from(width).max(8);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let link = Style::default().fg(Color::Cyan);
    let mut lines = vec![Line::raw("")];
    lines.extend(
        wrap(hint, width, 4)
            .into_iter()
            .map(|l| Line::styled(l, bold)),
    );
    for (i, e) in enclosures.iter().enumerate() {
        let number = format!("[{}]", i + 1);
        let about = sanitize_line(&e.describe());
        let url = sanitize_line(&e.url);
        if about.is_empty() {
            lines.extend(
                wrap(&format!("{number} {url}"), width, MAX_URL_LINES)
                    .into_iter()
                    .map(|l| Line::styled(l, link)),
            );
            continue;
        }
        for (j, l) in wrap(&format!("{number} {about}"), width, 3)
            .into_iter()
            .enumerate()
        {
            lines.push(match l.strip_prefix(&number) {
                Some(rest) if j == 0 => Line::from(vec![
                    Span::styled(number.clone(), link),
                    Span::raw(rest.to_string()),
                ]),
                _ => Line::raw(l),
            });
        }
        lines.extend(
            wrap(&url, width, MAX_URL_LINES)
                .into_iter()
                .map(|l| Line::styled(l, link)),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_enclosure_gets_a_numbered_line_with_what_is_known() {
        assert!(enclosure_lines(&[], "Enclosures:", 80).is_empty());
        let lines = enclosure_lines(
            &[
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
            ],
            "Enclosures (x plays):",
            80,
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text[1], "Enclosures (x plays):");
        assert_eq!(text[2], "[1] audio/mpeg, 12.3 MB, 1:02:03");
        assert_eq!(text[3], "https://example.org/a.mp3");
        assert!(!text[4].contains('\u{1b}'), "{}", text[4]);
        assert!(text[4].starts_with("[2] https://example.org/"));
    }

    #[test]
    fn a_long_address_and_heading_wrap_to_the_pane_instead_of_being_cut() {
        let url = "https://d2vstsfo8knv0p.cloudfront.net/audio/the-omni-show-004.mp3";
        let hint = "Enclosures (p plays, d downloads; a number first picks one):";
        let enclosure = Enclosure {
            url: url.into(),
            mime: Some("audio/mpeg".into()),
            length: Some(24_400_000),
            duration_secs: Some(1729),
        };
        let text: Vec<String> = enclosure_lines(&[enclosure], hint, 30)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert!(text.iter().all(|l| l.chars().count() <= 30), "{text:#?}");
        let at = text.iter().position(|l| l.starts_with("[1]")).unwrap();
        assert_eq!(text[1..at].join(" "), hint);
        assert_eq!(text[at], "[1] audio/mpeg, 24.4 MB, 28:49");
        assert_eq!(text[at + 1..].concat(), url);
    }
}
