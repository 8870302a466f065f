use super::forms::hijri_to_gregorian;
use super::*;
use crate::corpus::Published;
use crate::text::{normalize, tokenize};

/// The bundled rules, whose language files give the word tables.
fn bundled() -> &'static crate::rules::RuleSet {
    static RULES: std::sync::OnceLock<crate::rules::RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| crate::rules::load(None).expect("bundled rules compile"))
}

fn dates(text: &str, published: &str) -> Vec<String> {
    let norm = normalize(text).text;
    let tokens = tokenize(&norm);
    let published = Published::parse(published);
    find_dates(&bundled().dates, &norm, &tokens, 0..tokens.tokens.len())
        .into_iter()
        .map(|m| match resolve(m.expr, published.as_ref()) {
            Some(v) => format!("{}..{} {:?}", v.from.unwrap(), v.to.unwrap(), v.precision),
            None => "unresolved".to_string(),
        })
        .collect()
}

fn one(text: &str, published: &str) -> String {
    let all = dates(text, published);
    assert_eq!(all.len(), 1, "one date in {text:?}: {all:?}");
    all[0].clone()
}

#[test]
fn calendar_dates_in_both_systems() {
    let day = "2017-11-03..2017-11-03 Day";
    assert_eq!(one("يوم الجمعة، 3 تشرين الثاني/نوفمبر 2017", ""), day);
    assert_eq!(one("في 3 تشرين الثاني 2017", ""), day);
    assert_eq!(one("3 نوفمبر 2017", ""), day);
    assert_eq!(one("03/11/2017", ""), day);
    assert_eq!(one("2017-11-03", ""), day);
    assert_eq!(one("٣ تشرين الثاني ٢٠١٧", ""), day);
    assert_eq!(one("31 آب/أغسطس 2017", ""), "2017-08-31..2017-08-31 Day");
    assert_eq!(one("31 اغسطس 2017", ""), "2017-08-31..2017-08-31 Day");
    assert_eq!(one("أوت 2017", ""), "2017-08-01..2017-08-31 Month");
    assert_eq!(one("جوان 2014", ""), "2014-06-01..2014-06-30 Month");
    for (name, month) in [
        ("جانفي", 1),
        ("فيفري", 2),
        ("أفريل", 4),
        ("ابريل", 4),
        ("أبريل", 4),
        ("جويلية", 7),
        ("كانون الثاني", 1),
        ("أيلول", 9),
    ] {
        let expected = NaiveDate::from_ymd_opt(2017, month, 5).unwrap();
        assert_eq!(
            one(&format!("5 {name} 2017"), ""),
            format!("{expected}..{expected} Day"),
            "{name}"
        );
    }
    assert_eq!(one("فى يونيو ٢٠١٤", ""), "2014-06-01..2014-06-30 Month");
}

#[test]
fn partial_dates_take_the_latest_year_not_after_publication() {
    assert_eq!(
        one("في تشرين الأول/أكتوبر", "2017-12"),
        "2017-10-01..2017-10-31 Month"
    );
    assert_eq!(
        one("في تموز/يوليو", "2017-12"),
        "2017-07-01..2017-07-31 Month"
    );
    assert_eq!(
        one("في كانون الأول", "2017-11-04"),
        "2016-12-01..2016-12-31 Month"
    );
    assert_eq!(
        one("يوم 2 تشرين الثاني/نوفمبر", "2017-11-04"),
        "2017-11-02..2017-11-02 Day"
    );
    assert_eq!(one("في تموز", "2017"), "unresolved");
    assert_eq!(one("في تموز", ""), "unresolved");
}

#[test]
fn years_need_a_cue() {
    assert_eq!(one("عام 2014", ""), "2014-01-01..2014-12-31 Year");
    assert_eq!(one("نهاية العام 2017", ""), "2017-01-01..2017-12-31 Year");
    assert!(dates("قتل 2014 شخصا", "").is_empty());
    assert_eq!(one("منذ 2014", ""), "2014-01-01..2014-12-31 Year");
    assert_eq!(one("since 2014", ""), "2014-01-01..2014-12-31 Year");
    assert_eq!(one("in late 2015", ""), "2015-01-01..2015-12-31 Year");
}

#[test]
fn relative_dates_resolve_as_far_as_publication_allows() {
    assert_eq!(one("أمس", "2017-10-27"), "2017-10-26..2017-10-26 Day");
    assert_eq!(one("فجر أمس", "2017-10-27"), "2017-10-26..2017-10-26 Day");
    assert_eq!(one("ومساء أمس", "2017-11-05"), "2017-11-04..2017-11-04 Day");
    assert_eq!(one("أول أمس", "2017-10-27"), "2017-10-25..2017-10-25 Day");
    assert_eq!(
        one("يوم الجمعة", "2017-11-05"),
        "2017-11-03..2017-11-03 Day"
    );
    assert_eq!(
        one("يوم الجمعة", "2017-11-03"),
        "2017-11-03..2017-11-03 Day"
    );
    assert_eq!(
        one("الأسبوع الماضي", "2017-11-04"),
        "2017-10-28..2017-11-03 Week"
    );
    // The rolling week before a Monday paper, not the calendar week.
    assert_eq!(
        one("الأسبوع الماضي", "2015-12-28"),
        "2015-12-21..2015-12-27 Week"
    );
    // A weekday after «اليوم» or «أمس» names that day: one mention, and
    // against a publication month it stays inside the month.
    assert_eq!(
        one("اليوم الخميس", "2016-08"),
        "2016-08-01..2016-08-31 Month"
    );
    assert_eq!(
        one("أمس يوم الثلاثاء", "2017-11-01"),
        "2017-10-31..2017-10-31 Day"
    );
    assert_eq!(
        one("yesterday, Tuesday", "2017-11-01"),
        "2017-10-31..2017-10-31 Day"
    );
    // Against a publication day the weekday decides: a paper dated the
    // morning after still says «اليوم» of the day it was written.
    assert_eq!(
        one("اليوم الأربعاء", "2016-08-25"),
        "2016-08-24..2016-08-24 Day"
    );
    assert_eq!(
        one("الشهر الماضي", "2017-11"),
        "2017-10-01..2017-10-31 Month"
    );
    assert_eq!(one("هذا العام", "2017-11"), "2017-01-01..2017-12-31 Year");
    assert_eq!(one("العام الماضي", "2017"), "2016-01-01..2016-12-31 Year");
    // A publication month makes «أمس» that month.
    assert_eq!(one("أمس", "2017-11"), "2017-11-01..2017-11-30 Month");
}

#[test]
fn english_dates() {
    assert_eq!(one("on Aug. 31, 2017", ""), "2017-08-31..2017-08-31 Day");
    assert_eq!(one("on 31 August 2017", ""), "2017-08-31..2017-08-31 Day");
    assert_eq!(
        one("on Aug. 31", "2017-09-02"),
        "2017-08-31..2017-08-31 Day"
    );
    assert_eq!(one("in October 2017", ""), "2017-10-01..2017-10-31 Month");
    assert_eq!(one("on Friday", "2017-11-05"), "2017-11-03..2017-11-03 Day");
    assert_eq!(one("yesterday", "2017-10-27"), "2017-10-26..2017-10-26 Day");
    assert_eq!(one("in 2014", ""), "2014-01-01..2014-12-31 Year");
    assert!(dates("they may return", "2017").is_empty());
}

#[test]
fn parts_of_months() {
    let p = "2016-06-27";
    assert_eq!(
        one("في منتصف حزيران", p),
        "2016-06-11..2016-06-20 PartOfMonth"
    );
    assert_eq!(
        one("نهاية أيار الماضي", p),
        "2016-05-21..2016-05-31 PartOfMonth"
    );
    assert_eq!(
        one("مطلع شهر حزيران/يونيو", p),
        "2016-06-01..2016-06-10 PartOfMonth"
    );
    assert_eq!(
        one("في أوائل يناير كانون الثاني عام 2014", p),
        "2014-01-01..2014-01-10 PartOfMonth"
    );
    assert_eq!(one("in mid-March", p), "2016-03-11..2016-03-20 PartOfMonth");
    assert_eq!(
        one("at the end of February 2016", p),
        "2016-02-21..2016-02-29 PartOfMonth"
    );
    assert_eq!(
        one("in early June", p),
        "2016-06-01..2016-06-10 PartOfMonth"
    );
    assert_eq!(
        one("أواخر الشهر الماضي", p),
        "2016-05-21..2016-05-31 PartOfMonth"
    );
    assert_eq!(one("نهاية العام 2015", p), "2015-01-01..2015-12-31 Year");
    assert!(dates("the end of the siege", p).is_empty());
}

#[test]
fn ordinal_and_glued_days() {
    let p = "2016-06-27";
    assert_eq!(
        one("في العاشر من يونيو/حزيران", p),
        "2016-06-10..2016-06-10 Day"
    );
    assert_eq!(
        one("في السابع من اذار/مارس", p),
        "2016-03-07..2016-03-07 Day"
    );
    // «مارس» alone is also "practised": after an ordinal and «من» it is March.
    assert_eq!(
        one("في السابع من مارس الحالي", p),
        "2016-03-07..2016-03-07 Day"
    );
    assert_eq!(
        one("الحادي والعشرين من شهر أيار 2015", p),
        "2015-05-21..2015-05-21 Day"
    );
    assert_eq!(
        one("في ال17 من أكتوبر الماضي", p),
        "2015-10-17..2015-10-17 Day"
    );
    assert_eq!(
        one("منذ الـ 31 من شهر أيار", p),
        "2016-05-31..2016-05-31 Day"
    );
    assert_eq!(
        one("في مايو/أيار عام 2014", p),
        "2014-05-01..2014-05-31 Month"
    );
    assert!(dates("الأول من نوعه", p).is_empty());
}

#[test]
fn spans_back_in_time() {
    let p = "2016-03-21";
    assert_eq!(one("قبل أسبوعين", p), "2016-03-04..2016-03-10 Week");
    assert_eq!(one("قبل ثلاثة أيام", p), "2016-03-18..2016-03-18 Day");
    assert_eq!(one("منذ 25 يوما", p), "2016-02-25..2016-02-25 Day");
    assert_eq!(one("قبل شهرين", p), "2016-01-01..2016-01-31 Month");
    assert_eq!(one("two weeks ago", p), "2016-03-04..2016-03-10 Week");
    assert_eq!(one("a week ago", p), "2016-03-11..2016-03-17 Week");
    assert_eq!(one("منذ عام 2014", p), "2014-01-01..2014-12-31 Year");
    assert_eq!(one("قبل يوم الجمعة", p), "2016-03-18..2016-03-18 Day");
    assert!(dates("two weeks of fighting", p).is_empty());
    assert_eq!(one("قبل أسبوعين", "2016-03"), "unresolved");
}

#[test]
fn hijri_dates_convert_to_gregorian() {
    // Umm al-Qura dates: the tabular centre hits most, the ±1 day holds all.
    let known = [
        (1439, 1, 1, "2017-09-21"),
        (1438, 9, 1, "2017-05-27"),
        (1436, 1, 1, "2014-10-25"),
        (1439, 2, 14, "2017-11-03"),
        (1437, 9, 1, "2016-06-06"),
        (1440, 1, 1, "2018-09-11"),
    ];
    let mut exact = 0;
    for (y, m, d, official) in known {
        let official: NaiveDate = official.parse().unwrap();
        let centre = hijri_to_gregorian(y, m, d).unwrap();
        assert!(
            (centre - official).num_days().abs() <= 1,
            "{y}-{m}-{d}: {centre} vs {official}"
        );
        exact += usize::from(centre == official);
    }
    assert!(exact >= 4, "{exact} of {} exact", known.len());
    assert_eq!(one("14 صفر 1439 هـ", ""), "2017-11-02..2017-11-04 Day");
    assert_eq!(one("في 1 محرم 1439", ""), "2017-09-20..2017-09-22 Day");
    assert_eq!(hijri_to_gregorian(1439, 13, 1), None);
}

#[test]
fn impossible_and_ambiguous_dates_are_not_dates() {
    assert!(dates("31 شباط 2017", "").is_empty());
    assert!(dates("قال الأب إن", "").is_empty());
    assert_eq!(one("شهر آب", "2017-11"), "2017-08-01..2017-08-31 Month");
    assert_eq!(
        one("وأعلنت القوات الاثنين", "2017-11-04"),
        "2017-10-30..2017-10-30 Day"
    );
    assert!(dates("البلدين الاثنين", "2017-11-04").is_empty());
    assert!(dates("الاثنين من الجنود", "2017-11-04").is_empty());
    assert_eq!(
        one("يوم الاثنين", "2017-11-04"),
        "2017-10-30..2017-10-30 Day"
    );
}

#[test]
fn years_outside_the_news_are_refused_not_replaced() {
    let p = "2017-11-04";
    let refused = |text: &str| {
        let norm = normalize(text).text;
        let tokens = tokenize(&norm);
        find_dates(&bundled().dates, &norm, &tokens, 0..tokens.tokens.len())
            .into_iter()
            .map(|m| m.expr)
            .collect::<Vec<_>>()
    };
    for (text, year) in [
        ("في 31 كانون الأول 1899", 1899),
        ("on December 31, 1899", 1899),
        ("في 3 حزيران 2150", 2150),
        ("في حزيران عام 1850", 1850),
        ("عام 1899", 1899),
        ("31/12/1899", 1899),
    ] {
        assert_eq!(refused(text), [DateExpr::YearOutOfRange(year)], "{text}");
        assert_eq!(one(text, p), "unresolved", "{text}");
    }
    // A bare month before a count keeps the count a count.
    assert_eq!(
        one("وصل في حزيران 1500 مقاتل", p),
        "2017-06-01..2017-06-30 Month"
    );
    assert!(dates("شارك في 1500 غارة", p).is_empty());
    assert_eq!(
        one("في 31 كانون الأول 1999", p),
        "1999-12-31..1999-12-31 Day"
    );
}

#[test]
fn relative_days_against_a_coarse_publication_date() {
    assert_eq!(one("اليوم", "2017-11"), "2017-11-01..2017-11-30 Month");
    assert_eq!(one("today", "2017-11"), "2017-11-01..2017-11-30 Month");
    // A day at most a week back stays in the publication's month (year).
    assert_eq!(one("أمس", "2017-11"), "2017-11-01..2017-11-30 Month");
    assert_eq!(one("yesterday", "2017-11"), "2017-11-01..2017-11-30 Month");
    assert_eq!(one("يوم الجمعة", "2017-11"), "2017-11-01..2017-11-30 Month");
    assert_eq!(one("أمس", "2017"), "2017-01-01..2017-12-31 Year");
    assert_eq!(one("أمس", ""), "unresolved");
}

#[test]
fn a_month_in_a_year_counted_from_publication() {
    let p = "2017-11-04";
    assert_eq!(
        one("في حزيران من العام الماضي", p),
        "2016-06-01..2016-06-30 Month"
    );
    assert_eq!(
        one("في حزيران العام الماضي", p),
        "2016-06-01..2016-06-30 Month"
    );
    assert_eq!(one("in June last year", p), "2016-06-01..2016-06-30 Month");
    assert_eq!(
        one("in June of last year", p),
        "2016-06-01..2016-06-30 Month"
    );
    assert_eq!(
        one("في كانون الأول من العام الجاري", p),
        "2017-12-01..2017-12-31 Month"
    );
    assert_eq!(
        one("in December this year", p),
        "2017-12-01..2017-12-31 Month"
    );
    assert_eq!(
        one(
            "منذ الـ 31 من شهر أيار / مايو الفائت من العام الجاري",
            "2016-06-27"
        ),
        "2016-05-31..2016-05-31 Day"
    );
    assert_eq!(
        one("منتصف آب من العام الماضي", p),
        "2016-08-11..2016-08-20 PartOfMonth"
    );
    assert_eq!(
        one("في السابع من آذار من العام الماضي", p),
        "2016-03-07..2016-03-07 Day"
    );
    assert_eq!(
        one("في حزيران من العام الماضي", "2017-11"),
        "2016-06-01..2016-06-30 Month"
    );
    assert_eq!(one("في حزيران من العام الماضي", ""), "unresolved");
}

#[test]
fn approximate_spans_back() {
    let p = "2014-09-26";
    assert_eq!(one("قبل نحو أسبوع", p), "2014-09-16..2014-09-22 Week");
    assert_eq!(one("about a week ago", p), "2014-09-16..2014-09-22 Week");
    assert_eq!(one("قبل حوالي عشرة أيام", p), "2014-09-13..2014-09-19 Week");
    assert_eq!(one("قبل نحو يومين", p), "2014-09-23..2014-09-25 Week");
    assert_eq!(
        one("some three months ago", p),
        "2014-06-01..2014-06-30 Month"
    );
}
