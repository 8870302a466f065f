use chrono::NaiveDate;

use super::*;
use crate::claim::Precision;

#[test]
fn publication_dates_keep_their_precision() {
    let day = Published::parse("2017-10-27").unwrap();
    assert_eq!(day.precision, Precision::Day);
    let month = Published::parse("2017-02").unwrap();
    assert_eq!(month.last, NaiveDate::from_ymd_opt(2017, 2, 28).unwrap());
    assert_eq!(Published::parse("2017").unwrap().precision, Precision::Year);
    assert_eq!(Published::parse("2017-02-31"), None);
    assert_eq!(Published::parse("yesterday"), None);
}

#[test]
fn front_matter_is_split_from_the_body() {
    let (yaml, body) = split_front_matter("---\noutlet: X\n---\nنص").unwrap();
    assert_eq!(yaml, "outlet: X");
    assert_eq!(body, "نص");
    assert!(split_front_matter("نص فقط").is_none());
}

fn jsonl(input: &str) -> Corpus {
    let mut documents = Vec::new();
    let mut each = |doc| documents.push(doc);
    let mut reader = Reader {
        problems: Vec::new(),
        seen: HashMap::new(),
        taken: HashSet::new(),
        options: ReadOptions::default(),
        dates: &NoDateWords,
        sink: &mut each,
    };
    read_jsonl(&mut reader, &mut input.as_bytes(), "in.jsonl");
    let problems = reader.problems;
    Corpus {
        documents,
        problems,
    }
}

#[test]
fn jsonl_lines_become_documents_or_named_problems() {
    let input = "{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"2017-11-04\",\"text\":\"نص\"}\nnot json\n\n{\"id\":\"b\",\"text\":\"نص\"}\n";
    let corpus = jsonl(input);
    assert_eq!(corpus.documents.len(), 2);
    assert_eq!(corpus.unreadable(), 1);
    assert_eq!(corpus.problems[0].document, "in.jsonl:2");
    assert_eq!(corpus.documents[1].outlet, UNKNOWN);
}

#[test]
fn duplicate_ids_are_renamed_with_a_warning() {
    let input = "{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"2017\",\"text\":\"1\"}\n{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"2017\",\"text\":\"2\"}\n";
    let corpus = jsonl(input);
    assert_eq!(corpus.documents[1].id, "a~2");
    assert!(
        corpus
            .problems
            .iter()
            .any(|p| p.message.contains("duplicate"))
    );
}

#[test]
fn publication_years_are_read_as_written_or_refused() {
    for (text, why) in [
        ("4294967295-12-31", "is not YYYY-MM-DD"),
        ("1899-12-31", "outside 1900–2100"),
        ("2150", "outside 1900–2100"),
        ("0001-01-01", "outside 1900–2100"),
        ("2017-13", "no day of the calendar"),
        ("+2017", "is not YYYY-MM-DD"),
        ("2017-1-5-3", "is not YYYY-MM-DD"),
    ] {
        let refused = Published::read(text).expect_err(text);
        assert!(refused.contains(why), "{text}: {refused}");
        assert_eq!(Published::parse(text), None);
    }
    assert_eq!(
        Published::parse("2017-1-5").map(|p| p.first),
        NaiveDate::from_ymd_opt(2017, 1, 5)
    );
}

#[test]
fn a_refused_publication_date_is_named() {
    let corpus = jsonl(
        "{\"id\":\"a\",\"outlet\":\"X\",\"published\":\"4294967295-12-31\",\"text\":\"نص\"}\n",
    );
    assert_eq!(corpus.documents[0].published, None);
    assert!(
        corpus.problems[0].message.contains("4294967295-12-31"),
        "{:?}",
        corpus.problems
    );
}

#[test]
fn publication_dates_are_read_in_every_numeric_form_with_a_note_where_ambiguous() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    for (text, first, noted) in [
        ("2017-08-31", day(2017, 8, 31), false),
        ("31/08/2017", day(2017, 8, 31), false),
        ("31.8.2017", day(2017, 8, 31), false),
        ("31-08-2017", day(2017, 8, 31), false),
        ("2017/08/31", day(2017, 8, 31), false),
        ("٣١/٠٨/٢٠١٧", day(2017, 8, 31), false),
        ("03/04/2017", day(2017, 4, 3), true),
        ("08/31/2017", day(2017, 8, 31), true),
        ("04/04/2017", day(2017, 4, 4), false),
    ] {
        let (p, note) = Published::read_given(text).expect(text);
        assert_eq!((p.first, p.precision), (first, Precision::Day), "{text}");
        assert_eq!(note.is_some(), noted, "{text}: {note:?}");
    }
    let note = Published::read_given("03/04/2017").unwrap().1.unwrap();
    assert!(
        note.contains("day/month/year") && note.contains("2017-03-04"),
        "{note}"
    );
    for (text, why) in [
        ("31/02/2017", "no day of the calendar"),
        ("31/08/1850", "outside 1900–2100"),
        ("31/08/17", "is not YYYY-MM-DD"),
    ] {
        let refused = Published::read_given(text).expect_err(text);
        assert!(refused.contains(why), "{text}: {refused}");
    }
}
