//! Bytes of a web page to text, in the encoding the page was written in.
//!
//! Pages declare their encoding in the HTTP `Content-Type` header, in a `<meta>` tag or not at
//! all. This follows the order browsers use: a byte order mark wins, then the header, then a
//! `<meta>` declaration in the first few kilobytes, then a guess from the bytes themselves
//! (chardetng, the detector Firefox uses, which knows windows-1252, Shift_JIS, GB18030 and the
//! other legacy encodings of the web). Invalid sequences become U+FFFD; decoding never fails.
//! Input beyond [`MAX_PAGE_BYTES`] is ignored.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Largest page, in bytes, that is decoded and extracted; the rest is cut off.
pub const MAX_PAGE_BYTES: usize = 5 * 1024 * 1024;

/// How far into the page a `<meta>` charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// A page's bytes collected as they stream in, cut off at [`MAX_PAGE_BYTES`].
///
/// The fetcher pushes each chunk and stops reading as soon as [`PageBytes::push`] says the
/// page is full, so a huge page or a compression bomb costs at most the cap; what arrived is
/// still extracted.
#[derive(Debug, Default)]
pub struct PageBytes {
    bytes: Vec<u8>,
    cut: bool,
}

impl PageBytes {
    /// An empty page.
    pub fn new() -> PageBytes {
        PageBytes::default()
    }

    /// Appends a chunk (as much of it as fits) and returns whether more is wanted.
    pub fn push(&mut self, chunk: &[u8]) -> bool {
        let room = MAX_PAGE_BYTES - self.bytes.len();
        if chunk.len() > room {
            self.bytes.extend_from_slice(&chunk[..room]);
            self.cut = true;
        } else {
            self.bytes.extend_from_slice(chunk);
        }
        !self.cut
    }

    /// Whether the page was longer than the cap and lost its tail.
    pub fn was_cut(&self) -> bool {
        self.cut
    }

    /// The bytes kept so far.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes kept, taken out.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Decodes what was kept (see [`decode_page`]).
    pub fn decode(&self, content_type: Option<&str>) -> String {
        decode_page(&self.bytes, content_type)
    }
}

/// Decodes a page's bytes. `content_type` is the HTTP `Content-Type` header, if any.
pub fn decode_page(bytes: &[u8], content_type: Option<&str>) -> String {
    let bytes = &bytes[..bytes.len().min(MAX_PAGE_BYTES)];
    let encoding = page_encoding(bytes, content_type);
    // `decode` strips a BOM of the encoding it detects itself and replaces bad sequences.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding to decode `bytes` with, by BOM, header, `<meta>` and sniffing in that order.
pub fn page_encoding(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = content_type.and_then(charset_param).and_then(label) {
        return enc;
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(enc) = meta_charset(head) {
        // A page that can be read by an ASCII scan is not UTF-16, whatever it says.
        return if enc == UTF_16LE || enc == UTF_16BE {
            UTF_8
        } else {
            enc
        };
    }
    if let Some(enc) = utf16_without_bom(head) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    // Not valid UTF-8, so a legacy encoding: let the detector tell which.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    match detector.guess(None, Utf8Detection::Deny) {
        enc if enc == UTF_8 => WINDOWS_1252,
        enc => enc,
    }
}

fn label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(
        name.trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .as_bytes(),
    )
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// A charset declared by `<meta charset=...>` or `<meta http-equiv=Content-Type content=...>`
/// in the bytes (read as ASCII).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + b"charset".len()..];
            while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = rest {
                rest = tail;
            }
            if let [b'=', tail @ ..] = rest {
                let value: Vec<u8> = tail
                    .iter()
                    .copied()
                    .skip_while(|b| matches!(b, b' ' | b'"' | b'\''))
                    .take_while(|b| !matches!(b, b' ' | b'"' | b'\'' | b';' | b'/' | b'>'))
                    .collect();
                if let Some(enc) = Encoding::for_label(&value) {
                    return Some(enc);
                }
            }
        }
        from = end;
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// UTF-16 text without a BOM shows as ASCII with a zero byte in every other place.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    let odd_zero = head
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    if even_zero * 10 >= pairs * 9 {
        Some(UTF_16BE)
    } else if odd_zero * 10 >= pairs * 9 {
        Some(UTF_16LE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT_1252: &str = "Café déjà vu – “quotes” naïve";
    const TEXT_JA: &str = "日本語のニュース記事です。東京都は今日、新しい計画を発表しました。";
    const TEXT_ZH: &str = "这是一篇中文新闻文章。北京市今天宣布了新的城市发展计划，居民表示欢迎。";

    fn page(charset_meta: &str, body: &str) -> String {
        format!(
            "<html><head>{charset_meta}<title>t</title></head><body><p>{body}</p></body></html>"
        )
    }

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        enc.encode(s).0.into_owned()
    }

    #[test]
    fn windows_1252_from_the_header() {
        let bytes = encode(WINDOWS_1252, &page("", TEXT_1252));
        let text = decode_page(&bytes, Some("text/html; charset=windows-1252"));
        assert!(text.contains(TEXT_1252), "{text}");
    }

    #[test]
    fn shift_jis_from_meta() {
        let enc = encoding_rs::SHIFT_JIS;
        let bytes = encode(enc, &page(r#"<meta charset="shift_jis">"#, TEXT_JA));
        assert!(decode_page(&bytes, None).contains(TEXT_JA));
        let bytes = encode(
            enc,
            &page(
                r#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#,
                TEXT_JA,
            ),
        );
        assert!(decode_page(&bytes, Some("text/html")).contains(TEXT_JA));
    }

    #[test]
    fn legacy_encodings_are_sniffed_without_any_declaration() {
        for (enc, text) in [
            (encoding_rs::SHIFT_JIS, TEXT_JA),
            (encoding_rs::GB18030, TEXT_ZH),
            (WINDOWS_1252, TEXT_1252),
        ] {
            let bytes = encode(enc, &page("", &text.repeat(3)));
            let decoded = decode_page(&bytes, None);
            assert!(decoded.contains(text), "{}: {decoded}", enc.name());
        }
    }

    #[test]
    fn gb18030_from_the_header_beats_a_wrong_meta() {
        let bytes = encode(
            encoding_rs::GB18030,
            &page(r#"<meta charset="iso-8859-1">"#, TEXT_ZH),
        );
        let text = decode_page(&bytes, Some("text/html;charset=\"GB18030\""));
        assert!(text.contains(TEXT_ZH), "{text}");
    }

    #[test]
    fn utf16_with_and_without_a_bom() {
        let html = page("", "Grüße aus Zürich – 日本");
        for (enc, bom) in [(UTF_16LE, &[0xFF, 0xFE][..]), (UTF_16BE, &[0xFE, 0xFF][..])] {
            let units: Vec<u16> = html.encode_utf16().collect();
            let body: Vec<u8> = units
                .iter()
                .flat_map(|u| {
                    if enc == UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            let mut with_bom = bom.to_vec();
            with_bom.extend_from_slice(&body);
            // A BOM beats a wrong header.
            assert_eq!(
                decode_page(&with_bom, Some("text/html; charset=iso-8859-1")),
                html
            );
            assert_eq!(decode_page(&body, None), html, "{}", enc.name());
        }
    }

    #[test]
    fn utf8_is_the_default_and_bad_bytes_never_fail() {
        assert_eq!(decode_page("naïve".as_bytes(), None), "naïve");
        let text = decode_page(
            &[b'a', 0xff, 0xfe, 0xfd, b'b', 0xc3],
            Some("text/html; charset=utf-8"),
        );
        assert!(text.starts_with('a') && text.contains('\u{fffd}'));
    }

    #[test]
    fn streamed_pages_stop_at_the_cap() {
        let mut page = PageBytes::new();
        let chunk = vec![b'x'; 1 << 20];
        let mut pushes = 0;
        while page.push(&chunk) {
            pushes += 1;
            assert!(pushes < 100, "never full");
        }
        assert!(page.was_cut());
        assert_eq!(page.bytes().len(), MAX_PAGE_BYTES);
        assert_eq!(pushes, MAX_PAGE_BYTES / chunk.len());
        let mut small = PageBytes::new();
        assert!(small.push("<p>caf\u{e9}</p>".as_bytes()));
        assert!(!small.was_cut());
        assert_eq!(small.decode(None), "<p>caf\u{e9}</p>");
    }

    #[test]
    fn input_past_the_cap_is_cut_off() {
        let big = vec![b'a'; MAX_PAGE_BYTES + 10];
        assert_eq!(decode_page(&big, None).len(), MAX_PAGE_BYTES);
    }
}
