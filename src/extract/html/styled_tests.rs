//! The styled text model: its text is `html_to_text`'s, its offsets land on the right words,
//! links are numbered in order, lines hang, and hostile input stays bounded.

use super::{html_to_text, styled_text};
use crate::model::{StyledText, TextStyle};

/// The text of every run with `style`.
fn runs(t: &StyledText, style: TextStyle) -> Vec<&str> {
    t.spans
        .iter()
        .filter(|s| s.style.contains(style))
        .map(|s| &t.text[s.start..s.end])
        .collect()
}

/// The model's invariants: offsets inside the text on character boundaries, runs and links
/// in order without overlap, line layouts at line starts, and the text of `html_to_text`.
fn check(html: &str, t: &StyledText) {
    assert_eq!(t.text, html_to_text(html), "{html:?}");
    let ok = |p: usize| p <= t.text.len() && t.text.is_char_boundary(p);
    let mut last = 0;
    for s in &t.spans {
        assert!(
            ok(s.start) && ok(s.end) && s.start < s.end && last <= s.start,
            "{html:?} {t:?}"
        );
        last = s.end;
    }
    let mut last = 0;
    for l in &t.links {
        assert!(
            ok(l.start) && ok(l.end) && l.start < l.end && last <= l.start,
            "{html:?} {t:?}"
        );
        last = l.end;
    }
    let mut last = None;
    for l in &t.lines {
        assert!(l.start < t.text.len() && ok(l.start), "{html:?} {t:?}");
        assert!(
            l.start == 0 || t.text.as_bytes()[l.start - 1] == b'\n',
            "{html:?} {t:?}"
        );
        assert!(last.is_none_or(|p| p < l.start), "{html:?} {t:?}");
        last = Some(l.start);
    }
}

#[test]
fn styles_cover_exactly_their_words() {
    let html = "<h2>Talks <em>resume</em></h2><p>Leaders met in <b>Geneva</b> and <i>agreed</i> \
                <code>x = 1</code>.<img alt='a map'></p><blockquote>quoted words</blockquote>";
    let t = styled_text(html);
    check(html, &t);
    assert_eq!(
        t.text,
        "Talks resume\n\nLeaders met in Geneva and agreed x = 1.a map\n\n> quoted words"
    );
    assert_eq!(runs(&t, TextStyle::HEADING), ["Talks", "resume"]);
    assert_eq!(runs(&t, TextStyle::STRONG), ["Geneva"]);
    assert_eq!(runs(&t, TextStyle::EMPHASIS), ["resume", "agreed"]);
    assert_eq!(runs(&t, TextStyle::CODE), ["x = 1"]);
    assert_eq!(runs(&t, TextStyle::IMAGE), ["a map"]);
    assert_eq!(runs(&t, TextStyle::QUOTE), ["> ", "quoted words"]);
    assert_eq!(runs(&t, TextStyle::MARKER), ["> "]);
    // Plain text between runs has no style.
    let at = t.text.find("met").unwrap();
    assert_eq!(t.style_at(at), TextStyle::PLAIN);
}

#[test]
fn links_are_numbered_in_text_order_and_only_with_text() {
    let html = r#"<p><a href="https://a.example/1">first link</a>, then
        <a href="https://b.example/2"><img src="x.png"></a>
        <a name="anchor">no href</a> and <a href="https://c.example/3">third</a>
        <a href="https://d.example/4">one <a href="https://e.example/5">two</a></p>"#;
    let t = styled_text(html);
    check(html, &t);
    let links: Vec<(&str, &str)> = t
        .links
        .iter()
        .map(|l| (l.url.as_str(), &t.text[l.start..l.end]))
        .collect();
    assert_eq!(
        links,
        [
            ("https://a.example/1", "first link"),
            ("https://c.example/3", "third"),
            ("https://d.example/4", "one"),
            ("https://e.example/5", "two"),
        ]
    );
    assert_eq!(
        runs(&t, TextStyle::LINK),
        ["first link", "third", "one", "two"]
    );
}

#[test]
fn blocks_give_lines_their_markers_and_hangs() {
    let html = "<p>Intro</p><ul><li>apple<li>pear<ol start=9><li>nine<li>ten</ol></ul>\
                <blockquote><p>q1</p><p>q2</p></blockquote><pre>  a  b\n\tc</pre><p>end</p>";
    let t = styled_text(html);
    check(html, &t);
    assert_eq!(
        t.text,
        "Intro\n\n- apple\n- pear\n  9. nine\n  10. ten\n\n> q1\n>\n> q2\n\n  a  b\n\tc\n\nend"
    );
    let layout: Vec<(&str, &str, bool)> = t
        .lines
        .iter()
        .map(|l| {
            let line = t.text[l.start..].split('\n').next().unwrap();
            (line, l.hang.as_str(), l.pre)
        })
        .collect();
    assert_eq!(
        layout,
        [
            ("- apple", "  ", false),
            ("- pear", "  ", false),
            ("  9. nine", "     ", false),
            ("  10. ten", "      ", false),
            ("> q1", "> ", false),
            ("> q2", "> ", false),
            ("  a  b", "", true),
            ("\tc", "", true),
        ]
    );
    assert_eq!(runs(&t, TextStyle::MARKER)[..3], ["- ", "- ", "  9. "]);
    assert_eq!(runs(&t, TextStyle::PRE), ["  a  b", "\tc"]);
}

#[test]
fn scripts_styles_iframes_and_forms_never_reach_the_text() {
    let html = r#"<p>kept</p><script>alert("script")</script><style>p{color:red}</style>
        <iframe src="https://evil.example/">iframe text</iframe>
        <form action="/subscribe"><label>Sign up</label><input value="email">
        <button>Subscribe</button><textarea>area</textarea></form>
        <noscript>enable js</noscript><p>also <a href="javascript:x">kept</a></p>"#;
    let t = styled_text(html);
    check(html, &t);
    assert_eq!(t.text, "kept\n\nalso kept");
}

#[test]
fn control_characters_are_stripped_and_offsets_follow() {
    // Raw and entity-encoded escapes, C1 controls, bidi overrides and zero-width spaces,
    // around and inside styled words, links and list items.
    let html = "<p>a\u{1b}[31m<b>red&#27;[0m</b> &#x202e;<i>evil&#8203;</i></p>\
                <ul><li>&#x1b;]0;title&#7;<a href='https://x.example/'>li\u{9b}2Jnk</a></li></ul>\
                <p>&#8203;</p><p><em>last</em>\u{85}</p>";
    let t = styled_text(html);
    check(html, &t);
    assert!(
        !t.text
            .chars()
            .any(|c| c != '\n' && crate::sanitize::is_invisible_control(c))
    );
    assert_eq!(t.text, "ared evil\n\n- link\n\nlast");
    assert_eq!(runs(&t, TextStyle::STRONG), ["red"]);
    assert_eq!(runs(&t, TextStyle::EMPHASIS), ["evil", "last"]);
    assert_eq!(&t.text[t.links[0].start..t.links[0].end], "link");
    assert_eq!(t.lines.len(), 1);
    assert!(t.text[t.lines[0].start..].starts_with("- link"));
}

#[test]
fn nesting_100000_deep_is_bounded() {
    for html in [
        "<div><b><a href=x>".repeat(100_000) + "deep",
        "<ul><li>".repeat(100_000) + "deep",
        "<blockquote><em>".repeat(100_000) + "deep",
    ] {
        // Time relative to a flat page of the same size converted just before (a loaded
        // machine slows both): work growing with the depth would be thousands of times it.
        let flat = "<p>deep</p>".repeat(html.len() / 11 + 1);
        let start = std::time::Instant::now();
        let _ = styled_text(&flat);
        let baseline = start.elapsed();
        let start = std::time::Instant::now();
        let t = styled_text(&html);
        let elapsed = start.elapsed();
        assert!(
            elapsed < baseline * 30 + std::time::Duration::from_millis(200),
            "{elapsed:?} against {baseline:?}"
        );
        check(&html, &t);
        assert!(t.text.ends_with("deep"), "{}", &t.text[t.text.len() - 40..]);
        assert!(t.spans.len() <= 2 * t.text.lines().count() + 2);
        assert!(t.lines.iter().all(|l| l.hang.len() <= 2 * 40));
        assert!(t.links.len() <= 1);
    }
}

#[test]
fn invariants_hold_on_random_tag_soup() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "</ul>",
        "<ol>",
        "<blockquote>",
        "</blockquote>",
        "<pre>",
        "</pre>",
        "<b>",
        "</b>",
        "<em>",
        "</em>",
        "<a href=u>",
        "</a>",
        "<h2>",
        "</h2>",
        "<code>",
        "<td>",
        "<tr>",
        "<table>",
        "<br>",
        " ",
        "\n",
        "word",
        "  w ",
        "&#8203;",
        "&#x1b;[1m",
        "&#x2028;",
        "\u{a0}",
        "é",
        "<img alt=pic>",
        "<script>x</script>",
        "&#x202e;",
        "<dd>",
        "<sup>2",
        "<form>f</form>",
    ];
    let mut rng = crate::test_rng::Rng::new(0x005e_ed0f_b0d1);
    for _ in 0..500 {
        let mut html = String::new();
        for _ in 0..60 {
            html.push_str(rng.pick(PIECES));
        }
        check(&html, &styled_text(&html));
    }
}

/// Words appended a run at a time give exactly what word-by-word layout gives: text, runs,
/// links and line layouts, over many mixtures of spaces, tags and non-ASCII whitespace.
#[test]
fn appending_runs_of_words_changes_nothing() {
    use super::format::write::WORD_BY_WORD;
    let pieces = [
        "word",
        "Ünïcode",
        " ",
        "  ",
        "\n",
        "\t",
        "\u{a0}",
        "a\u{a0}b",
        "x\u{3000}",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<a href=\"https://e.example/\">",
        "</a>",
        "<sup>2</sup>",
        "<br>",
        "<p>",
        "</p>",
        "<li>",
        "<blockquote>",
        "</blockquote>",
        "<pre>a  b\n c</pre>",
        "<td>",
        "<code>",
        "</code>",
        "&nbsp;",
        "end.",
    ];
    let mut state = 0x2545_f491_u32;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    for _ in 0..3_000 {
        let n = 1 + next() as usize % 24;
        let html: String = (0..n)
            .map(|_| pieces[next() as usize % pieces.len()])
            .collect();
        WORD_BY_WORD.set(true);
        let slow = styled_text(&html);
        WORD_BY_WORD.set(false);
        let fast = styled_text(&html);
        assert_eq!(fast, slow, "{html:?}");
        check(&html, &fast);
    }
}
