//! The reports a fact-checker reads: each version's own judgement, tables
//! that fit the terminal, sentences in context, document addresses and
//! dates, the HTML page (parsed, and rendered by Chromium where it is
//! installed), CSV read back by a CSV reader, and ClaimReview JSON-LD.

use std::path::Path;

use crosscheck::report::{REPORT_COLUMNS, display_width};

use crate::support::crosscheck;

fn run(args: &[&str]) -> String {
    let out = crosscheck().args(args).output().expect("crosscheck runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn run_stdin(args: &[&str], input: &str) -> String {
    let out = crosscheck()
        .args(args)
        .arg("-")
        .write_stdin(input)
        .output()
        .expect("crosscheck runs");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const NEWSROOM: &str = "tests/fixtures/newsroom";

/// Tal Afar's liberation told three ways, published out of order: two
/// outlets give 27 August (the later first), one the reference's 31st.
fn tal_afar_jsonl() -> String {
    let wrong = "قالت مصادر عسكرية إن القوات العراقية أكملت تحرير تلعفر في 27 آب/أغسطس 2017.";
    let right = "أعلن رئيس الوزراء العراقي تحرير مدينة تلعفر بالكامل يوم الخميس 31 آب/أغسطس 2017.";
    [
        ("late", "Late Wire", "2017-09-05", wrong, "https://late.example/a"),
        ("first", "First Post", "2017-09-01", right, "javascript:alert(1)"),
        ("middle", "Middle Times", "2017-09-03", wrong, ""),
    ]
    .iter()
    .map(|(id, outlet, published, text, url)| {
        serde_json::json!({"id": id, "outlet": outlet, "published": published, "text": text, "url": url})
            .to_string()
            + "\n"
    })
    .collect()
}

#[test]
fn each_version_says_what_it_is_and_the_key_keeps_its_grade() {
    let report: serde_json::Value =
        serde_json::from_str(&run(&["report", NEWSROOM, "--format", "json"])).unwrap();
    let key = report["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"]["subject"] == "tal-afar" && c["key"]["kind"] == "event_date")
        .unwrap();
    assert_eq!(key["grade"], "contradicts-reference");
    let judged: Vec<(&str, &str)> = key["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"]["from"].as_str().unwrap(),
                v["judgement"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        judged,
        [
            ("2017-08-31", "matches-reference"),
            ("2017-08-27", "contradicts-reference")
        ]
    );
    let table = run(&["report", NEWSROOM, "--width", "200"]);
    let sharq = table
        .lines()
        .find(|l| l.contains("Al-Sharq Daily (sharq-1)") && l.contains("2017-08-31"))
        .unwrap();
    assert!(sharq.contains("matches-reference"), "{sharq}");
    let md = run(&["report", NEWSROOM, "--format", "md"]);
    assert!(
        md.contains("| 2017-08-31 | matches-reference | Al-Sharq Daily |"),
        "{md}"
    );
    assert!(
        md.contains("| 2017-08-27 | contradicts-reference | Wadi News |"),
        "{md}"
    );
    let compare = run(&["compare", NEWSROOM, "--format", "table", "--width", "200"]);
    assert!(
        compare.contains("2017-08-31 (matches-reference): Al-Sharq Daily"),
        "{compare}"
    );
}

#[test]
fn terminal_reports_fit_the_width() {
    for path in ["seeds", NEWSROOM] {
        for layout in ["table", "cards"] {
            for width in [80usize, 200] {
                let w = width.to_string();
                let text = run(&["report", path, "--layout", layout, "--width", &w]);
                for line in text.lines() {
                    assert!(
                        display_width(line) <= width,
                        "{path} {layout} --width {width}: {} columns: {line}",
                        display_width(line)
                    );
                }
            }
        }
        let text = run(&["compare", path, "--width", "80"]);
        assert!(text.lines().all(|l| display_width(l) <= 80), "{text}");
    }
    let wide = run(&["report", NEWSROOM, "--width", "200"]);
    assert!(
        wide.lines().any(|l| display_width(l) > 120),
        "a wide terminal is used"
    );
}

#[test]
fn markdown_shows_each_sentence_with_the_claim_marked_and_linked() {
    let md = run(&["report", NEWSROOM, "--format", "md"]);
    assert!(
        md.contains(
            "«أعلن رئيس الوزراء العراقي **تحرير مدينة تلعفر بالكامل يوم الخميس 31 آب/أغسطس 2017**.»"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "**Al-Sharq Daily** ([sharq-1](https://sharq.example/2017/09/01/tal-afar), 2017-09-01)"
        ),
        "{md}"
    );
    assert!(
        md.contains("**Levant Herald** (levant-1, 2017-10-21)"),
        "{md}"
    );
}

#[test]
fn document_addresses_come_from_every_input_and_only_web_ones_are_linked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\nid: a\noutlet: Front Matter News\npublished: 2017-09-02\nurl: https://fm.example/a\n---\nقالت مصادر عسكرية إن القوات العراقية أكملت تحرير تلعفر في 27 آب/أغسطس 2017.\n",
    )
    .unwrap();
    let json = run(&["report", dir.path().to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["documents"][0]["url"], "https://fm.example/a");
    assert_eq!(report["documents"][0]["published"], "2017-09-02");
    let out = crosscheck()
        .args(["report", "--format", "md", "-"])
        .write_stdin(tal_afar_jsonl())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`javascript:alert(1)` is not an http(s) address"),
        "{stderr}"
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("[late](https://late.example/a)"), "{md}");
    assert!(!md.contains("javascript:"), "{md}");
    let html = run_stdin(&["report", "--format", "html"], &tal_afar_jsonl());
    assert!(html.contains("href=\"https://late.example/a\""));
    assert!(!html.contains("href=\"javascript"));
}

#[test]
fn the_timeline_orders_a_keys_claims_by_publication_date() {
    let csv_text = run_stdin(
        &["report", "--format", "csv", "--timeline"],
        &tal_afar_jsonl(),
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let docs: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[11].to_string())
        .collect();
    assert_eq!(docs, ["first", "middle", "late"]);
    let by_version = run_stdin(&["report", "--format", "csv"], &tal_afar_jsonl());
    let mut reader = csv::Reader::from_reader(by_version.as_bytes());
    let docs: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[11].to_string())
        .collect();
    assert_eq!(docs, ["late", "middle", "first"]);
    let md = run_stdin(
        &["report", "--format", "md", "--timeline"],
        &tal_afar_jsonl(),
    );
    let first = md.find("**First Post**").unwrap();
    let middle = md.find("**Middle Times**").unwrap();
    let late = md.find("**Late Wire**").unwrap();
    assert!(first < middle && middle < late, "{md}");
    let cards = run_stdin(
        &["report", "--layout", "cards", "--timeline"],
        &tal_afar_jsonl(),
    );
    assert!(cards.find("First Post").unwrap() < cards.find("Late Wire").unwrap());
}

#[test]
fn csv_has_one_row_a_claim_in_separate_columns() {
    for command in ["report", "compare"] {
        let text = run(&[command, NEWSROOM, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, REPORT_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 14, "every claim once");
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let sharq = rows
            .iter()
            .find(|r| &r[col("doc")] == "sharq-1" && &r[col("kind")] == "event_date")
            .unwrap();
        assert_eq!(&sharq[col("from")], "2017-08-31");
        assert_eq!(&sharq[col("precision")], "day");
        assert_eq!(&sharq[col("published")], "2017-09-01");
        assert_eq!(
            &sharq[col("url")],
            "https://sharq.example/2017/09/01/tal-afar"
        );
        assert_eq!(&sharq[col("version judgement")], "matches-reference");
        assert_eq!(&sharq[col("grade")], "contradicts-reference");
        assert_eq!(&sharq[col("qualifier")], "event=liberation");
        let fighters = rows
            .iter()
            .find(|r| &r[col("doc")] == "desert-1" && &r[col("kind")] == "fighter_count")
            .unwrap();
        assert_eq!((&fighters[col("min")], &fighters[col("max")]), ("250", ""));
    }
    let hostile = "{\"id\":\"=cmd\",\"outlet\":\"@evil\",\"published\":\"2017-11-04\",\"text\":\"نحو 1500 من مقاتلي داعش في محيط القائم.\"}\n";
    let text = run_stdin(&["report", "--format", "csv"], hostile);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[10], "'@evil");
    assert_eq!(&row[11], "'=cmd");
}

#[test]
fn claimreview_has_what_fact_check_search_requires() {
    let text = run(&[
        "report",
        NEWSROOM,
        "--format",
        "claimreview",
        "--author",
        "Example Fact Desk",
        "--review-url",
        "https://desk.example/checks/tal-afar",
    ]);
    let reviews: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        reviews.len(),
        2,
        "the contested and the reference-contradicting key"
    );
    let html = run(&["report", NEWSROOM, "--format", "html"]);
    for r in &reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(!r["claimReviewed"].as_str().unwrap().is_empty());
        assert_eq!(r["reviewRating"]["@type"], "Rating");
        assert!(
            !r["reviewRating"]["alternateName"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert_eq!(r["author"]["name"], "Example Fact Desk");
        let url = r["url"].as_str().unwrap();
        let anchor = url
            .strip_prefix("https://desk.example/checks/tal-afar#")
            .unwrap();
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "{anchor} is in the page"
        );
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert!(r["itemReviewed"]["datePublished"].is_string());
        assert!(
            r["itemReviewed"]["appearance"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        );
    }
    let dated = &reviews[0];
    assert_eq!(dated["reviewRating"]["name"], "contradicts-reference");
    assert_eq!(
        dated["itemReviewed"]["appearance"][0]["url"],
        "https://wadi.example/news/tal-afar?id=27&lang=ar",
        "the review is about the version that contradicts the record"
    );
    assert!(
        dated["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("2017-08-27 (Wadi News)")
    );
}

/// The HTML page, parsed strictly as XML.
fn parse(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(html, options).expect("the page is well-formed")
}

fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn html_is_one_self_contained_page_with_conflicts_first() {
    let html = run(&["report", NEWSROOM, "--format", "html"]);
    let doc = parse(&html);
    let tags: Vec<&str> = doc.descendants().map(|n| n.tag_name().name()).collect();
    for banned in ["script", "link", "iframe", "img", "object"] {
        assert!(!tags.contains(&banned), "no <{banned}>");
    }
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "no fetched CSS"
    );
    assert!(tags.contains(&"style"));
    let sections: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("section") && n.attribute("class").is_some_and(|c| c.starts_with("key"))
        })
        .collect();
    assert_eq!(sections.len(), 6);
    let conflict = |n: &roxmltree::Node<'_, '_>| n.attribute("class") == Some("key conflict");
    assert!(conflict(&sections[0]) && conflict(&sections[1]) && !conflict(&sections[2]));
    let first = text_of(sections[0]);
    assert!(first.contains("event_date tal-afar event=liberation"));
    assert!(first.contains("matches-reference") && first.contains("contradicts-reference"));
    let quotes: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("blockquote"))
        .collect();
    assert_eq!(quotes.len(), 14);
    assert!(quotes.iter().all(|q| q.attribute("dir") == Some("auto")));
    let marked: Vec<String> = quotes
        .iter()
        .filter_map(|q| q.children().find(|c| c.has_tag_name("mark")))
        .map(text_of)
        .collect();
    assert!(marked.contains(&"تحرير مدينة تلعفر بالكامل يوم الخميس 31 آب/أغسطس 2017".to_string()));
    assert!(text_of(quotes[0]).starts_with("أعلن رئيس الوزراء العراقي"));
    let links: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(links.contains(&"https://wadi.example/news/tal-afar?id=27&lang=ar"));
    let families = text_of(sections[2]);
    assert!(
        families
            .contains("counted as one source: Levant Herald and Nahrain TV both carry AFP copy")
    );
    let graph = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("graph"))
        .unwrap();
    if dot_installed() {
        assert!(
            graph.descendants().any(|n| n.has_tag_name("svg")),
            "the graph is inline SVG"
        );
    } else {
        println!("SKIPPED inline SVG check: graphviz `dot` is not installed");
        assert!(text_of(graph).contains("Graphviz"));
    }
}

#[test]
fn html_escapes_hostile_text() {
    let hostile = "{\"id\":\"<b>x</b>\",\"outlet\":\"<script>alert(1)</script>\u{202E}\",\"published\":\"2017-11-04\",\"url\":\"https://x.example/\\\"><script>\",\"text\":\"نحو 1500 من مقاتلي داعش في محيط القائم <i>.\"}\n";
    let html = run_stdin(&["report", "--format", "html"], hostile);
    let doc = parse(&html);
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("i"))
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\u{202E}"));
    assert!(!html.contains('\u{202E}'));
}

fn dot_installed() -> bool {
    std::process::Command::new("dot").arg("-V").output().is_ok()
}

/// The page as headless Chromium lays it out (its DOM after parsing).
fn chromium_dom(page: &Path) -> Option<String> {
    let out = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output();
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => {
            println!(
                "SKIPPED Chromium rendering: chromium failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            None
        }
        Err(e) => {
            println!(
                "SKIPPED Chromium rendering: `chromium` is not installed ({e}; .ci/run installs it)"
            );
            None
        }
    }
}

#[test]
fn chromium_renders_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    run(&[
        "report",
        NEWSROOM,
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let Some(dom) = chromium_dom(&page) else {
        return;
    };
    assert!(dom.contains("<h1>Consistency report</h1>"), "{dom}");
    assert!(dom.contains("<mark>تحرير مدينة تلعفر بالكامل يوم الخميس 31 آب/أغسطس 2017</mark>"));
    assert!(dom.contains("matches-reference") && dom.contains("contradicts-reference"));
    assert!(!dom.contains("<script"), "nothing runs");
}
