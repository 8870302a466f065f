//! Text measured as a terminal shows it. Terminal columns are not
//! characters: Arabic harakat and the marks a text may carry (U+200F) take
//! none, CJK and emoji take two. `unicode-width` (UAX #11, the measure
//! comfy-table uses too) counts them, so a wrapped line of Arabic fits
//! the width it was wrapped to.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` (white space flattened) cut to at most `max` columns, the cut
/// marked with `…`.
pub fn cut(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if width(&flat) <= max {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Splits a word wider than `max` columns into pieces that fit.
fn split_word(word: &str, max: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in word.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        used += w;
        if let Some(p) = pieces.last_mut() {
            p.push(c);
        }
    }
    pieces
}

/// `text` wrapped into lines of at most `max` columns, each after the
/// first prefixed with `indent` (counted in the width); words wider than
/// a line are split.
pub fn wrap(text: &str, max: usize, indent: &str) -> Vec<String> {
    let max = max.max(width(indent) + 8);
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let room = max - width(indent);
        let pieces = if width(word) > room {
            split_word(word, room)
        } else {
            vec![word.to_string()]
        };
        for piece in pieces {
            let lead = if lines.len() == 1 { 0 } else { width(indent) };
            let line = lines.last_mut().expect("one line at least");
            let used = width(line) + lead;
            let sep = usize::from(!line.is_empty());
            if !line.is_empty() && used + sep + width(&piece) > max {
                lines.push(piece);
            } else {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&piece);
            }
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { format!("{indent}{l}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_marks_take_no_column_and_lines_fit() {
        assert_eq!(width("مُقَاتِل"), 5);
        assert_eq!(width("\u{200F}الموصل"), 6);
        let text = "تحرير مدينة تلعفر بالكامل يوم الخميس 31 آب/أغسطس 2017 ".repeat(4);
        for line in wrap(&text, 30, "  ") {
            assert!(width(&line) <= 30, "{line}");
        }
        let long = wrap(&"x".repeat(50), 20, "");
        assert_eq!(long.len(), 3);
        assert!(long.iter().all(|l| width(l) <= 20));
        assert_eq!(cut("نحو 1500 من مقاتلي داعش", 10), "نحو 1500 …");
        assert_eq!(width(&cut(&"ب".repeat(100), 10)), 10);
    }
}
