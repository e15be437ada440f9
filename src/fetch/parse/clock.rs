//! `itunes:duration` written as a clock (`28:49`, `1:02:03`), made into the form feed-rs
//! reads. feed-rs 2.4 takes `H:MM:SS`, but reads `MM:SS` as its leading number of seconds
//! (`28:49` became 28 seconds), and many podcasts write minutes and seconds only.

/// The duration `text` as `H:MM:SS` when it is a clock of two or three parts (`28:49` ->
/// `0:28:49`, `1:2:3` -> `1:02:03`); `None` when it is already that, or is not a clock
/// (`3380` seconds is left as it is).
pub(super) fn with_hours(text: &str) -> Option<String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() < 2
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (h, m, s) = match n[..] {
        [m, s] => (0, m, s),
        // feed-rs reads hours of any width (`01:54:09`) when both other parts have two digits.
        [_, _, _] if parts[1].len() == 2 && parts[2].len() == 2 => return None,
        [h, m, s] => (h, m, s),
        _ => return None,
    };
    let canonical = format!("{h}:{m:02}:{s:02}");
    (canonical != text).then_some(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_and_seconds_get_an_hour() {
        assert_eq!(with_hours("28:49").as_deref(), Some("0:28:49"));
        assert_eq!(with_hours(" 5:07 ").as_deref(), Some("0:05:07"));
        assert_eq!(with_hours("90:00").as_deref(), Some("0:90:00"));
        assert_eq!(with_hours("1:2:3").as_deref(), Some("1:02:03"));
    }

    #[test]
    fn what_feed_rs_reads_right_is_left_alone() {
        assert_eq!(with_hours("01:54:09"), None);
        assert_eq!(with_hours("1:02:03"), None);
        assert_eq!(with_hours("3380"), None);
        assert_eq!(with_hours(""), None);
        assert_eq!(with_hours("about an hour"), None);
        assert_eq!(with_hours("1:2:3:4"), None);
        assert_eq!(with_hours("12:"), None);
    }
}
