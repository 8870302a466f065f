//! The benchmark: a generated corpus of Arabic articles in the forms real
//! outlets print (every number and date form, clitics, page furniture), with
//! a fixed seed, and synthetic claims for comparison at scale; [`run`]
//! times extraction and comparison over them.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use crate::claim::{Claim, DateValue, NumberValue, Precision, Value};
use crate::compare::{Standards, compare};
use crate::error::{Error, Result};
use crate::extract::stream::stream;
use crate::report::write_claims_jsonl;
use crate::rules::RuleSet;

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

/// Peak resident memory of this process so far, in bytes (Linux; `None`
/// elsewhere).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// What the benchmark runs on.
#[derive(Debug, Clone)]
pub struct Options {
    /// Articles to generate (about 1.5 KB each).
    pub articles: usize,
    /// Synthetic claims to compare.
    pub claims: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Directory for the generated corpus.
    pub dir: PathBuf,
}

/// Extracts the corpus at `path` on `threads` threads (0: all), writing the
/// claims as JSONL to nowhere; returns (seconds, claims).
fn time_extraction(rules: &RuleSet, path: &Path, threads: usize) -> Result<(f64, usize)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Input(format!("no thread pool: {e}")))?;
    let start = Instant::now();
    let mut count = 0usize;
    let mut sink = io::sink();
    pool.install(|| {
        stream(
            rules,
            &[path.to_path_buf()],
            &mut io::empty(),
            &mut |batch, _| -> Result<()> {
                count += batch.len();
                write_claims_jsonl(batch, &mut sink).map_err(|e| Error::io(path, e))
            },
        )
    })?;
    Ok((start.elapsed().as_secs_f64(), count))
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or("unknown".into(), |b| {
        format!("{:.0} MiB", b as f64 / (1024.0 * 1024.0))
    })
}

/// Writes the benchmark corpus to `path`; returns its size in MB.
fn generate(options: &Options, path: &Path) -> Result<f64> {
    let io_err = |e| Error::io(path, e);
    let mut file = io::BufWriter::new(std::fs::File::create(path).map_err(io_err)?);
    let bytes = write_corpus(options.articles, options.seed, &mut file).map_err(io_err)?;
    file.flush().map_err(io_err)?;
    Ok(bytes as f64 / 1e6)
}

/// ripgrep's count of digit lines over the corpus, as a floor for reading
/// speed; `None` when rg is not installed.
fn ripgrep_seconds(path: &Path) -> Option<f64> {
    let start = Instant::now();
    let output = std::process::Command::new("rg")
        .args(["-c", "[0-9٠-٩]"])
        .arg(path)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| start.elapsed().as_secs_f64())
}

/// The `bench` command: generate, extract (one thread, all threads), time
/// ripgrep's count of digit lines as a floor, compare synthetic claims;
/// each figure a line of `out`.
pub fn run(rules: &RuleSet, options: &Options, out: &mut dyn Write) -> Result<()> {
    let w = |e| Error::io(Path::new("<stdout>"), e);
    std::fs::create_dir_all(&options.dir).map_err(|e| Error::io(&options.dir, e))?;
    let (articles, seed) = (options.articles, options.seed);
    let path = options
        .dir
        .join(format!("crosscheck-bench-{articles}-{seed}.jsonl"));
    let start = Instant::now();
    let mb = generate(options, &path)?;
    let took = start.elapsed().as_secs_f64();
    let shown = path.display();
    writeln!(
        out,
        "corpus: {articles} articles, {mb:.1} MB, generated in {took:.1} s ({shown})"
    )
    .map_err(w)?;
    let (one, found) = time_extraction(rules, &path, 1)?;
    writeln!(
        out,
        "extraction, 1 thread: {one:.2} s, {:.1} MB/s, {found} claims",
        mb / one
    )
    .map_err(w)?;
    let threads = rayon::current_num_threads();
    let (all, _) = time_extraction(rules, &path, 0)?;
    writeln!(
        out,
        "extraction, {threads} threads: {all:.2} s, {:.1} MB/s",
        mb / all
    )
    .map_err(w)?;
    writeln!(out, "peak memory after extraction: {}", mib(peak_memory())).map_err(w)?;
    match ripgrep_seconds(&path) {
        Some(rg) => writeln!(
            out,
            "ripgrep floor (rg -c '[0-9٠-٩]'): {rg:.2} s, {:.0} MB/s; extraction on 1 thread is {:.1}x that",
            mb / rg,
            one / rg
        ),
        None => writeln!(out, "ripgrep floor: rg not installed (apt-get install ripgrep), skipped"),
    }
    .map_err(w)?;
    let claims = options.claims;
    let synthetic = synthetic_claims(claims, (claims / 50).max(1), seed);
    let start = Instant::now();
    let comparisons = compare(&Standards::of(rules), &synthetic);
    let secs = start.elapsed().as_secs_f64();
    let keys = comparisons.len();
    let rate = claims as f64 / secs;
    writeln!(
        out,
        "comparison: {claims} claims on {keys} keys in {secs:.2} s, {rate:.0} claims/s"
    )
    .map_err(w)?;
    writeln!(out, "peak memory overall: {}", mib(peak_memory())).map_err(w)?;
    let _ = std::fs::remove_file(&path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_corpus(20, 7, &mut a).unwrap();
        write_corpus(20, 7, &mut b).unwrap();
        assert_eq!(a, b);
        let mut c = Vec::new();
        write_corpus(20, 8, &mut c).unwrap();
        assert_ne!(a, c);
        assert_eq!(String::from_utf8(a).unwrap().lines().count(), 20);
    }

    #[test]
    fn generated_articles_yield_claims() {
        let rules = crate::rules::load(None).unwrap();
        let mut buf = Vec::new();
        write_corpus(50, 1, &mut buf).unwrap();
        let corpus =
            crate::corpus::load(&[std::path::PathBuf::from("-")], &mut buf.as_slice()).unwrap();
        assert_eq!(corpus.documents.len(), 50);
        let claims = crate::extract::stream::extract_all(&rules, &corpus.documents);
        assert!(claims.len() > 100, "{} claims", claims.len());
        let kinds: std::collections::BTreeSet<&str> =
            claims.iter().map(|c| c.kind.as_str()).collect();
        assert!(kinds.len() >= 6, "{kinds:?}");
    }

    #[test]
    fn synthetic_claims_spread_over_keys() {
        let claims = synthetic_claims(1000, 50, 3);
        let keys: std::collections::BTreeSet<_> = claims.iter().map(Claim::key).collect();
        assert!(keys.len() > 40 && keys.len() <= 50);
    }
}
