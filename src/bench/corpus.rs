//! The benchmark's inputs: a seeded generator, Arabic articles in the
//! forms real outlets print, and synthetic claims for comparison and
//! reports at scale.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;

use crate::claim::{Claim, DateValue, NumberValue, Precision, Value};

/// A small, fast, seeded generator (SplitMix64): the same seed gives the
/// same corpus on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "القائم",
    "راوة",
    "تلعفر",
    "الموصل",
    "الرقة",
    "دير الزور",
    "البوكمال",
    "الرطبة",
    "الأنبار",
    "الحويجة",
    "الرمادي",
    "الباغوز",
    "حصيبة",
    "كركوك",
    "الفلوجة",
    "حلب",
];
const ACTORS: &[&str] = &["داعش", "التنظيم", "تنظيم الدولة الإسلامية", "الدواعش"];
const CLITICS: &[&str] = &["", "", "", "و", "ب", "ل"];
const OUTLETS: &[&str] = &[
    "Al-Hayat",
    "Diyaruna",
    "Akhbar Al Aan",
    "Al-Sumaria",
    "Rudaw",
    "Asharq Al-Awsat",
    "Al-Mada",
    "Enab Baladi",
    "Shafaq News",
    "Baghdad Today",
    "Al-Araby",
    "Alsumaria",
    "Iraqi News",
    "Levant 24",
    "Nahrain Post",
    "Desert Courier",
    "Wadi News",
    "Rafidain Post",
    "Al-Sharq Daily",
    "Tigris Times",
];
const FILLER: &[&str] = &[
    "وتواصل القوات عمليات التمشيط في المناطق المحيطة وسط حالة من الترقب بين السكان.",
    "وأكد مسؤولون محليون أن الخدمات الأساسية بدأت تعود تدريجياً إلى الأحياء المحررة.",
    "ويقول محللون إن المعركة المقبلة ستكون الأصعب بسبب طبيعة الأرض الصحراوية المفتوحة.",
    "وتشهد المنطقة حركة نزوح واسعة باتجاه المخيمات القريبة من الطريق الدولي.",
    "ولم يصدر أي تعليق رسمي من الحكومة حتى ساعة إعداد هذا التقرير.",
    "وقالت منظمات إغاثة إنها تستعد لاستقبال مزيد من العائلات خلال الأيام المقبلة.",
];
const FURNITURE: &[&str] = &[
    "شارك المقال",
    "0 تعليق",
    "اقرأ أيضاً:",
    "1500 / 1500",
    "هل أعجبك هذا المقال؟",
];

fn digits(n: u64, script: usize) -> String {
    let western = n.to_string();
    let base = match script {
        1 => '٠',
        2 => '۰',
        _ => return western,
    };
    western
        .chars()
        .map(|c| char::from_u32(base as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

fn number(rng: &mut Rng) -> String {
    let n = [15u64, 40, 70, 350, 1500, 2000, 20000, 27, 120][rng.below(9)];
    match rng.below(10) {
        0 => format!("نحو {}", digits(n, rng.below(3))),
        1 => format!("أكثر من {}", digits(n, rng.below(3))),
        2 => format!("ما يقارب {}", digits(n, 0)),
        3 => "ثلاثة آلاف وخمسمائة".to_string(),
        4 => "ألفين".to_string(),
        5 => "خمسة وعشرون".to_string(),
        6 if n >= 1000 => format!("{},{:03}", n / 1000, n % 1000),
        7 => format!("بين {} و{}", n, n * 2),
        _ => digits(n, rng.below(3)),
    }
}

fn date(rng: &mut Rng) -> String {
    let forms = [
        "يوم الجمعة",
        "أمس",
        "فجر أمس",
        "في 3 تشرين الثاني/نوفمبر 2017",
        "في تموز/يوليو",
        "في 31 آب/أغسطس 2017",
        "يوم الخميس 2 نوفمبر",
        "الأسبوع الماضي",
        "في 31/08/2017",
        "عام 2014",
    ];
    rng.pick(&forms).to_string()
}

fn place(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(CLITICS), rng.pick(PLACES))
}

fn sentence(rng: &mut Rng) -> String {
    let (n, p, a) = (number(rng), place(rng), rng.pick(ACTORS).to_string());
    match rng.below(12) {
        0 => format!("وقال مصدر عسكري إن {n} من مقاتلي {a} يتحصنون في {p}."),
        1 => format!("وأفاد التحالف الدولي أنه شن {n} غارة جوية على مواقع التنظيم قرب {p}."),
        2 => format!("وأعلنت القوات تحرير مدينة {p} {}.", date(rng)),
        3 => format!("وأسفرت العملية عن تدمير {n} معسكراً للإرهابيين في {p}."),
        4 => format!("وبلغت المساحة المحررة {n} كيلومتر مربع في محيط {p}."),
        5 => format!("ولا يزال {a} يسيطر على {n} في المئة من {p}."),
        6 => format!("وتقع {p} (على بعد {n} كيلومترا غرب {})", rng.pick(PLACES)),
        7 => format!("وبدأت القوات العراقية، {}، هجوماً على {p}.", date(rng)),
        _ => rng.pick(FILLER).to_string(),
    }
}

/// Writes `articles` generated articles as JSONL; returns the bytes written.
pub fn write_corpus(articles: usize, seed: u64, out: &mut dyn Write) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    for i in 0..articles {
        let mut text = format!("{}\n\n", rng.pick(FILLER));
        for _ in 0..8 + rng.below(7) {
            text.push_str(&sentence(&mut rng));
            text.push(if rng.below(3) == 0 { '\n' } else { ' ' });
        }
        text.push('\n');
        let furniture: &&str = rng.pick(FURNITURE);
        text.push_str(furniture);
        let published =
            NaiveDate::from_ymd_opt(2017, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .map(|d| d.to_string())
                .unwrap_or_default();
        let line = serde_json::json!({
            "id": format!("g{i:06}"),
            "outlet": rng.pick(OUTLETS),
            "published": published,
            "text": text,
        });
        let encoded = serde_json::to_string(&line)?;
        bytes += encoded.len() as u64 + 1;
        out.write_all(encoded.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(bytes)
}

/// `count` synthetic claims over `keys` keys from 20 outlets: numbers and
/// dates, some agreeing, some not, as comparison would meet them.
pub fn synthetic_claims(count: usize, keys: usize, seed: u64) -> Vec<Claim> {
    let mut rng = Rng::new(seed);
    let kinds = [
        "fighter_count",
        "airstrike_count",
        "event_date",
        "killed_count",
    ];
    (0..count)
        .map(|i| {
            let key = rng.below(keys.max(1));
            let kind = kinds[key % kinds.len()];
            let value = if kind == "event_date" {
                let day =
                    NaiveDate::from_ymd_opt(2017, 1 + (key % 12) as u32, 1 + rng.below(3) as u32)
                        .unwrap_or_default();
                Value::Date(DateValue::span(day, day, Precision::Day))
            } else {
                let base = (10 + key % 1000) as f64;
                Value::Number(NumberValue::exact(base + rng.below(3) as f64 * base * 0.1))
            };
            let outlet = rng.pick(OUTLETS).to_string();
            Claim {
                id: format!("s{i}"),
                position: String::new(),
                doc: format!("d{}", rng.below(count / 5 + 1)),
                outlet,
                kind: kind.to_string(),
                subject: format!("place-{}", key / kinds.len()),
                qualifier: BTreeMap::from([("actor".to_string(), "isis".to_string())]),
                value,
                span: [0, 10],
                quote: String::new(),
                sentence: format!(
                    "{} {} {}",
                    rng.pick(FILLER),
                    rng.pick(PLACES),
                    rng.next_u64() % 1000
                ),
                rule: "bench".to_string(),
                speaker: None,
                subject_match: None,
                subject_via: Default::default(),
                wires: Vec::new(),
                as_of: None,
            }
        })
        .collect()
}
