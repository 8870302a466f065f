//! Digits as printed: thousands separators and decimal marks read
//! exactly, a value too large to hold refused rather than rounded to
//! infinity, and a minus sign kept where the text writes one.

/// The largest whole number a count may be: every integer up to 2^53 is
/// held exactly by an `f64`; a number past it («999…» of 400 digits) is
/// refused, not rounded or turned into infinity.
pub const LARGEST: f64 = 9_007_199_254_740_992.0;

/// Why digits are not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitsError {
    /// Not digits with separators (a clock time `6:00`, a stray `1.2.3`).
    NotANumber,
    /// More than [`LARGEST`]: no count or measure in the news is.
    TooLarge,
}

/// The digits of `token` as an integer part and a fraction part (both
/// ASCII digits): `20,000` and `20.000` are twenty thousand, `1.5` and
/// `1,5` one and a half (a group of exactly three digits after a lone
/// separator is a thousands group).
fn split_parts(token: &str) -> Option<(String, String)> {
    if token.is_empty()
        || token
            .chars()
            .any(|c| !(c.is_ascii_digit() || c == '.' || c == ','))
    {
        return None;
    }
    let separators: Vec<char> = token.chars().filter(|c| matches!(c, '.' | ',')).collect();
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    match separators.as_slice() {
        [] => Some((token.to_string(), String::new())),
        [_] if groups[1].len() == 3 && groups[0].len() <= 3 && groups[0] != "0" => {
            Some((groups.concat(), String::new()))
        }
        [_] => Some((groups[0].to_string(), groups[1].to_string())),
        many => {
            // Several separators: the last one may be a decimal mark if it differs.
            let (first, last) = (many[0], many[many.len() - 1]);
            let (int, frac) = groups.split_at(groups.len() - 1);
            if last != first {
                Some((int.concat(), frac[0].to_string()))
            } else if groups[1..].iter().all(|g| g.len() == 3) {
                Some((groups.concat(), String::new()))
            } else {
                None
            }
        }
    }
}

/// Reads digits with separators exactly: the integer part is counted
/// digit by digit and refused past [`LARGEST`]; the fraction is kept as
/// written (`0.0000001` stays one ten-millionth).
pub fn read_digits(token: &str) -> Result<f64, DigitsError> {
    let (int, frac) = split_parts(token).ok_or(DigitsError::NotANumber)?;
    let mut whole: u64 = 0;
    for d in int.bytes() {
        whole = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(u64::from(d - b'0')))
            .ok_or(DigitsError::TooLarge)?;
    }
    if whole > 1 << 53 {
        return Err(DigitsError::TooLarge);
    }
    if frac.is_empty() {
        return Ok(whole as f64);
    }
    format!("{whole}.{frac}")
        .parse::<f64>()
        .map_err(|_| DigitsError::NotANumber)
}

/// [`read_digits`], with no reason given: `None` for anything but a number
/// this crate can hold.
pub fn parse_digits(token: &str) -> Option<f64> {
    read_digits(token).ok()
}

/// Rounds away the noise of arithmetic (1500 × 0.9 = 1350.0000000000002)
/// and nothing the text wrote: a whole number stays whole, anything else
/// keeps twelve significant digits, so 0.0000001 stays itself.
pub fn tidy(v: f64) -> f64 {
    if v.fract() == 0.0 || !v.is_finite() {
        return v;
    }
    format!("{v:.11e}").parse().unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_decimals() {
        for (token, v) in [
            ("15", 15.0),
            ("20,000", 20000.0),
            ("20.000", 20000.0),
            ("3.5", 3.5),
            ("1,5", 1.5),
            ("1,234,567", 1234567.0),
            ("1.234,5", 1234.5),
            ("0.0000001", 0.0000001),
            ("0,250", 0.25),
            ("9007199254740992", LARGEST),
        ] {
            assert_eq!(read_digits(token), Ok(v), "{token}");
        }
        for token in ["", "6:00", "1.2.3", "1,,2", "12a", ".5", "5."] {
            assert_eq!(read_digits(token), Err(DigitsError::NotANumber), "{token}");
        }
    }

    #[test]
    fn too_large_is_refused_not_infinite() {
        let nines = "9".repeat(400);
        assert_eq!(read_digits(&nines), Err(DigitsError::TooLarge));
        assert_eq!(read_digits("9007199254740993"), Err(DigitsError::TooLarge));
        assert_eq!(
            read_digits("99999999999999999999"),
            Err(DigitsError::TooLarge)
        );
        assert_eq!(
            read_digits(&format!("{nines}.5")),
            Err(DigitsError::TooLarge)
        );
        assert_eq!(parse_digits(&nines), None);
    }

    #[test]
    fn tidy_keeps_what_the_text_wrote() {
        assert_eq!(tidy(1500.0 * 0.9), 1350.0);
        assert_eq!(tidy(1500.0 * 1.1), 1650.0);
        assert_eq!(tidy(0.0000001), 0.0000001);
        assert_eq!(tidy(-500.0), -500.0);
        assert_eq!(tidy(123456.789), 123456.789);
    }
}
