//! The one sanitiser every writer passes text through before it quotes an
//! outlet's name, a document id or a sentence: text from the articles (and
//! from whoever wrote their metadata) must not drive the reader's terminal
//! or reorder what the reader sees.
//!
//! Control characters (C0 but tab and newline, DEL, C1 — escape sequences
//! start with one, a carriage return overwrites a line) and the bidi
//! embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which
//! can show `exe.txt` for `txt.exe`) are shown escaped as `\u{202E}`. The
//! marks Arabic text legitimately carries (U+200E, U+200F, ZWJ, ZWNJ) are
//! kept. The noncharacters U+FFFE and U+FFFF, which XML forbids and no
//! text should hold, are escaped too. Each writer then escapes what its own
//! syntax needs.

use std::borrow::Cow;

/// Whether `c` is shown escaped.
fn hostile(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
}

/// `text` with control characters and bidi overrides escaped as
/// `\u{…}`; borrowed unchanged when it holds none (the usual case).
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hostile(c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_escaped_and_arabic_marks_kept() {
        let cases = [
            ("Al-Sharq", "Al-Sharq"),
            ("a\u{1b}[31mred", "a\\u{1B}[31mred"),
            ("txt\u{202E}exe", "txt\\u{202E}exe"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("a\rb\u{7f}\u{85}", "a\\u{D}b\\u{7F}\\u{85}"),
            ("\u{FFFF}", "\\u{FFFF}"),
            ("سطر\tو\nسطر", "سطر\tو\nسطر"),
            ("\u{200F}الموصل\u{200C}", "\u{200F}الموصل\u{200C}"),
        ];
        for (text, expected) in cases {
            assert_eq!(shown(text), expected, "{text:?}");
        }
        assert!(matches!(shown("plain"), Cow::Borrowed(_)));
    }
}
