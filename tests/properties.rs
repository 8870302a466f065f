//! Invariants that hold for any input (proptest): a number reads the same in
//! any digit script, normalization is idempotent and maps back inside the
//! text, and extraction never panics and quotes what its spans cover.

use std::sync::OnceLock;

use crosscheck::corpus::{Document, Published};
use crosscheck::extract::extract;
use crosscheck::rules::{RuleSet, load};
use crosscheck::text::normalize;
use proptest::prelude::*;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| load(None).expect("bundled rules compile"))
}

fn in_script(digits: &str, zero: char) -> String {
    digits
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(zero as u32 + d).unwrap(),
            None => c,
        })
        .collect()
}

fn read(text: &str) -> Vec<(Option<f64>, Option<f64>)> {
    rules()
        .numbers
        .read_text(text)
        .into_iter()
        .map(|m| (m.value.min, m.value.max))
        .collect()
}

/// Groups digits by thousands with `sep`.
fn grouped(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn any_digit_script_and_separator_reads_the_same(n in 0u64..100_000_000, script in 0usize..3, sep in 0usize..4) {
        let zero = ['0', '٠', '۰'][script];
        let plain = in_script(&n.to_string(), zero);
        let separated = match sep {
            0 => plain.clone(),
            1 => in_script(&grouped(n, ','), zero),
            2 => in_script(&grouped(n, '٬'), zero),
            _ => in_script(&grouped(n, '.'), zero),
        };
        let expected = vec![(Some(n as f64), Some(n as f64))];
        prop_assert_eq!(read(&format!("بلغ {plain} مقاتل")), expected.clone());
        prop_assert_eq!(read(&format!("بلغ {separated} مقاتل")), expected);
    }

    #[test]
    fn normalization_is_idempotent_and_maps_inside_the_text(text in "\\PC{0,200}") {
        let norm = normalize(&text);
        prop_assert_eq!(&normalize(&norm.text).text, &norm.text);
        let all = norm.original_range(0..norm.text.len());
        prop_assert!(all.end <= text.len() && text.is_char_boundary(all.start) && text.is_char_boundary(all.end));
    }

    #[test]
    fn extraction_never_panics_and_spans_quote_the_text(
        words in prop::collection::vec(prop::sample::select(vec![
            "نحو", "1500", "١٥٠٠", "من", "مقاتلي", "داعش", "في", "محيط", "القائم", "تحرير", "مدينة", "تلعفر",
            "يوم", "الجمعة", "3", "تشرين", "الثاني/نوفمبر", "2017", "أكثر", "المئة", "غارة", "التحالف", "الدولي",
            "قال", "إن", "،", ".", "\n", "«", "»", "ً", "ـ", "كم", "غرب", "الرمادي", "قرية", "40", "أمس",
        ]), 0..60)
    ) {
        let text = words.join(" ");
        let doc = Document {
            id: "p".into(),
            outlet: "p".into(),
            published: Published::parse("2017-11-04"),
            language: None,
            wires: Vec::new(),
            url: None,
            origin: "p".into(),
            text: text.clone(),
        };
        for claim in extract(rules(), &doc) {
            let [a, b] = claim.span;
            prop_assert!(a <= b && b <= text.len());
            prop_assert_eq!(&text[a..b], claim.quote.as_str());
            prop_assert!(claim.sentence.contains(claim.quote.trim()));
        }
    }
}
