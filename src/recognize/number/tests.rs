use super::*;
use crate::text::{normalize, tokenize};

/// The bundled rules' reader: their language files give the words, their
/// settings the approximation tolerance (±10%).
fn reader() -> &'static NumberReader {
    static RULES: std::sync::OnceLock<crate::rules::RuleSet> = std::sync::OnceLock::new();
    &RULES
        .get_or_init(|| crate::rules::load(None).expect("bundled rules compile"))
        .numbers
}

fn read(text: &str) -> Vec<(Option<f64>, Option<f64>, bool)> {
    reader()
        .read_text(text)
        .into_iter()
        .map(|m| (m.value.min, m.value.max, m.value.approx))
        .collect()
}

fn one(text: &str) -> (Option<f64>, Option<f64>, bool) {
    let all = read(text);
    assert_eq!(all.len(), 1, "one number in {text:?}: {all:?}");
    all[0]
}

fn exact(v: f64) -> (Option<f64>, Option<f64>, bool) {
    (Some(v), Some(v), false)
}

#[test]
fn digits_in_every_script_and_separator() {
    for (text, v) in [
        ("15 غارة", 15.0),
        ("١٥٠٠ مقاتل", 1500.0),
        ("۱۵۰۰ مقاتل", 1500.0),
        ("20,000 كم", 20000.0),
        ("٢٠٬٠٠٠ كم", 20000.0),
        ("20.000 كم", 20000.0),
        ("3.5 كم", 3.5),
        ("٣٫٥ كم", 3.5),
        ("1,234,567 دولار", 1234567.0),
        ("1.234,5 متر", 1234.5),
    ] {
        assert_eq!(one(text), exact(v), "{text}");
    }
}

#[test]
fn scale_words_after_digits() {
    assert_eq!(one("50 ألف نازح"), exact(50000.0));
    assert_eq!(one("1.5 مليون"), exact(1_500_000.0));
    assert_eq!(one("٣ آلاف"), exact(3000.0));
}

#[test]
fn number_words() {
    for (text, v) in [
        ("خمسة", 5.0),
        ("خمس", 5.0),
        ("الخمسة", 5.0),
        ("اثنين", 2.0),
        ("ثلاثة عشر", 13.0),
        ("خمسة وعشرون", 25.0),
        ("مئة", 100.0),
        ("مائة", 100.0),
        ("مئتين", 200.0),
        ("ثلاثمائة", 300.0),
        ("ألف", 1000.0),
        ("ألفين", 2000.0),
        ("ألفان", 2000.0),
        ("ثلاثة آلاف", 3000.0),
        ("ثلاثة آلاف وخمسمائة", 3500.0),
        ("عشرين ألفا", 20000.0),
        ("مليون", 1e6),
        ("مليونين", 2e6),
        ("خمسة ملايين", 5e6),
    ] {
        assert_eq!(one(text), exact(v), "{text}");
    }
}

#[test]
fn fractions_are_flagged() {
    let norm = normalize("ثلث مساحة العراق").text;
    let tokens = tokenize(&norm);
    let found = reader().find(&norm, &tokens, 0..tokens.tokens.len(), &[false; 3]);
    assert!(found[0].fraction);
    assert!((found[0].value.min.unwrap() - 0.333).abs() < 0.001);
    assert_eq!(one("نصف"), exact(0.5));
    assert!((one("ثلثي").0.unwrap() - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn approximators_and_bounds() {
    assert_eq!(one("نحو 1500"), (Some(1350.0), Some(1650.0), true));
    assert_eq!(one("بنحو 1500"), (Some(1350.0), Some(1650.0), true));
    assert_eq!(one("ما يقارب 1000"), (Some(900.0), Some(1100.0), true));
    for approx in ["حوالي", "حوالى", "قرابة", "زهاء", "ما يناهز"] {
        assert_eq!(
            one(&format!("{approx} 1000")),
            (Some(900.0), Some(1100.0), true),
            "{approx}"
        );
    }
    assert_eq!(one("حتى 500"), (None, Some(500.0), false));
    assert_eq!(one("1000 تقريباً"), (Some(900.0), Some(1100.0), true));
    assert_eq!(one("أكثر من 35"), (Some(35.0), None, false));
    assert_eq!(one("ما يزيد على 200"), (Some(200.0), None, false));
    assert_eq!(one("أقل من 10"), (None, Some(10.0), false));
    assert_eq!(one("لا تتجاوز الخمسة"), (None, Some(5.0), false));
    assert_eq!(one("لا تتجاوز مساحتها الخمسة"), (None, Some(5.0), false));
    assert_eq!(one("ما يصل إلى 300"), (None, Some(300.0), false));
}

#[test]
fn english_quantities() {
    assert_eq!(
        one("some 1,500 fighters"),
        (Some(1350.0), Some(1650.0), true)
    );
    assert_eq!(one("more than 35 percent"), (Some(35.0), None, false));
    assert_eq!(one("up to 300"), (None, Some(300.0), false));
    assert_eq!(
        one("between 1,000 and 2,000"),
        (Some(1000.0), Some(2000.0), false)
    );
}

#[test]
fn ranges_and_plurals_of_magnitude() {
    assert_eq!(one("بين 1000 و2000"), (Some(1000.0), Some(2000.0), false));
    assert_eq!(one("بين 1000 و 2000"), (Some(1000.0), Some(2000.0), false));
    assert_eq!(one("1000-2000"), (Some(1000.0), Some(2000.0), false));
    assert_eq!(one("عشرات"), (Some(20.0), Some(99.0), true));
    assert_eq!(one("مئات"), (Some(200.0), Some(999.0), true));
    assert_eq!(one("آلاف"), (Some(2000.0), Some(9999.0), true));
    assert_eq!(one("عشرات الآلاف"), (Some(20000.0), Some(99999.0), true));
    // «وألف» after a number is the end of a range, not ×1000.
    assert_eq!(
        one("ما بين خمسمائة وألف مقاتل"),
        (Some(500.0), Some(1000.0), false)
    );
    assert_eq!(
        one("بين ثلاثمائة وخمسمائة عنصر"),
        (Some(300.0), Some(500.0), false)
    );
    assert_eq!(
        one("بين عشرة وعشرين ألفا"),
        (Some(10000.0), Some(20000.0), false)
    );
}

#[test]
fn english_number_words() {
    assert_eq!(one("twenty five"), (Some(25.0), Some(25.0), false));
    assert_eq!(one("two hundred"), (Some(200.0), Some(200.0), false));
    assert_eq!(one("ten thousand"), (Some(10000.0), Some(10000.0), false));
    assert_eq!(one("dozens"), (Some(20.0), Some(99.0), true));
    assert_eq!(one("hundreds"), (Some(200.0), Some(999.0), true));
    assert_eq!(one("several thousand"), (Some(2000.0), Some(9999.0), true));
    assert_eq!(
        one("tens of thousands"),
        (Some(20000.0), Some(99999.0), true)
    );
    assert_eq!(
        one("hundreds of thousands"),
        (Some(200000.0), Some(999999.0), true)
    );
    assert_eq!(one("about 2,000"), (Some(1800.0), Some(2200.0), true));
    assert!(read("several weeks").is_empty());
    assert_eq!(one("16 شخصا على الأقل"), (Some(16.0), None, false));
    assert_eq!(one("20 people at least"), (Some(20.0), None, false));
    assert_eq!(
        read("20 people, at least 5 of them")[0],
        (Some(20.0), Some(20.0), false)
    );
    assert!(read("أحد أبرز المقاتلين").is_empty());
    assert_eq!(one("أحد عشر"), (Some(11.0), Some(11.0), false));
    assert_eq!(one("no fewer than 1,800"), (Some(1800.0), None, false));
    assert_eq!(one("1,000 to 2,000"), (Some(1000.0), Some(2000.0), false));
    assert_eq!(one("من 300 إلى 400"), (Some(300.0), Some(400.0), false));
    assert_eq!(one("ما بين 300 إلى 400"), (Some(300.0), Some(400.0), false));
    assert_eq!(
        one("ما بين ستين إلى تسعين ألف"),
        (Some(60000.0), Some(90000.0), false)
    );
    assert_eq!(one("بين 3 و5 ملايين"), (Some(3e6), Some(5e6), false));
    assert_eq!(read("from 20 to 5").len(), 2, "a falling pair is no range");
    assert_eq!(one("several hundred"), (Some(200.0), Some(999.0), true));
}

#[test]
fn reversed_ranges_are_ordered() {
    // Found by the `numbers` fuzz target: a reversed range gave min > max.
    assert_eq!(one("1111-111"), (Some(111.0), Some(1111.0), false));
    assert_eq!(one("بين 2000 و1000"), (Some(1000.0), Some(2000.0), false));
}

#[test]
fn ordinary_words_are_not_numbers() {
    assert!(read("قال المتحدث إن القوات تقدمت").is_empty());
    assert!(read("بين القوات").is_empty());
}

#[test]
fn too_large_numbers_are_refused_with_their_words() {
    let nines = "9".repeat(400);
    for text in [
        format!("{nines} مقاتل"),
        format!("نحو {nines} مقاتل"),
        format!("{nines} ألف مقاتل"),
        "99999999999999999999 مقاتل".to_string(),
        "عشرات الملايين المليارات المليارات المليارات".to_string(),
    ] {
        let norm = normalize(&text).text;
        let tokens = tokenize(&norm);
        let taken = vec![false; tokens.tokens.len()];
        let (found, refused) =
            reader().find_checked(&norm, &tokens, 0..tokens.tokens.len(), &taken);
        assert!(found.is_empty(), "{text}: {found:?}");
        assert_eq!(refused.len(), 1, "{text}");
        assert_eq!(refused[0].reason, DigitsError::TooLarge);
    }
    assert_eq!(one("9007199254740992 دولار"), exact(LARGEST));
}

#[test]
fn decimals_are_kept_not_rounded_to_nothing() {
    assert_eq!(one("0.0000001 كم"), exact(0.0000001));
    assert_eq!(one("1.2345 كم"), exact(1.2345));
    assert_eq!(one("نحو 0.0001"), (Some(0.00009), Some(0.00011), true));
}

#[test]
fn a_written_sign_is_kept() {
    assert_eq!(one("-500"), exact(-500.0));
    assert_eq!(one("بلغت -5 درجات"), exact(-5.0));
    assert_eq!(one("(−12)"), exact(-12.0));
    assert_eq!(one("أقل من -3"), (None, Some(-3.0), false));
    // A dash between words or numbers is no sign.
    assert_eq!(one("US-500"), exact(500.0));
    assert!(
        read("1000 - 2000")
            .iter()
            .all(|(min, _, _)| min.is_some_and(|m| m > 0.0))
    );
    let norm = normalize("قتل -500 مسلح").text;
    let tokens = tokenize(&norm);
    let found = reader().find(&norm, &tokens, 0..tokens.tokens.len(), &[false; 4]);
    assert_eq!(
        found[0].tokens,
        1..3,
        "the sign is part of the number's words"
    );
}

#[test]
fn clock_times_are_not_counts() {
    for text in [
        "حوالي الساعة السادسة (3,00 ت غ)",
        "عند الساعة 6:00 صباحا",
        "الساعة 6 مساء",
        "at 0300 GMT",
        "at 6:00 am",
        "at 10 pm",
        "at 10 PM local time",
    ] {
        assert!(read(text).is_empty(), "{text}: {:?}", read(text));
    }
    assert_eq!(one("قتل 6 في الساعة الأخيرة"), exact(6.0));
    assert_eq!(one("خلال 48 ساعة"), exact(48.0));
}
