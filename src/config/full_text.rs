//! `full_text`, in `[settings]` and per feed: whether article pages are fetched.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// Whether a feed's article pages are fetched for their full text (`full_text` in
/// `[settings]` and per feed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FullText {
    /// Never.
    Off,
    /// For every article that has a link.
    On,
    /// For articles whose own text is short (under [`FullText::AUTO_WORDS`] words): a
    /// teaser, not the article.
    #[default]
    Auto,
}

impl FullText {
    /// Under this many words, an article's own text is a teaser and `auto` fetches its page.
    pub const AUTO_WORDS: usize = 80;
}

impl<'de> Deserialize<'de> for FullText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FullText, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = FullText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true, false or \"auto\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FullText, E> {
                Ok(if v { FullText::On } else { FullText::Off })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FullText, E> {
                match v {
                    "auto" => Ok(FullText::Auto),
                    other => Err(E::custom(format!(
                        "\"{other}\" is not a full_text value: use true, false or \"auto\""
                    ))),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}
