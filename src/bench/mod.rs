//! The benchmark: a generated corpus of Arabic articles in the forms real
//! outlets print (every number and date form, clitics, page furniture), with
//! a fixed seed, and synthetic claims for comparison and reports at scale;
//! [`run`] times extraction, comparison and every report format over them.

mod corpus;
mod report;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compare::{Standards, compare};
use crate::error::{Error, Result};
use crate::extract::stream::stream;
use crate::report::write_claims_jsonl;
use crate::rules::RuleSet;

pub use corpus::{Rng, synthetic_claims, write_corpus};

/// Peak resident memory of this process so far, in bytes (Linux; `None`
/// elsewhere).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Starts a new peak for [`peak_memory`] (Linux: the peak falls back to
/// what is resident now), so each stage reports its own; false where the
/// kernel does not allow it.
pub fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// What the benchmark runs on.
#[derive(Debug, Clone)]
pub struct Options {
    /// Articles to generate (about 1.5 KB each); 0 skips extraction.
    pub articles: usize,
    /// Synthetic claims to compare; 0 skips comparison.
    pub claims: usize,
    /// Claim counts to time every report format at (synthetic claims, as
    /// for comparison); a rate that falls as the count grows is a step
    /// slower than linear.
    pub report_sizes: Vec<usize>,
    /// Seed of the generator.
    pub seed: u64,
    /// Directory for the generated corpus.
    pub dir: PathBuf,
}

/// Extracts the corpus at `path` on `threads` threads (0: all), writing the
/// claims as JSONL to nowhere; returns (seconds, claims).
///
/// All threads run as the command line runs them: the calling thread reads
/// and hands on batches while the global pool extracts. (Installed in a
/// pool of its own, the calling thread would be one of the pool's workers,
/// and its waits for finished batches would idle a worker.)
fn time_extraction(rules: &RuleSet, path: &Path, threads: usize) -> Result<(f64, usize)> {
    let start = Instant::now();
    let mut count = 0usize;
    let mut sink = io::sink();
    let mut run = || {
        stream(
            rules,
            &[path.to_path_buf()],
            &mut io::empty(),
            &mut |batch, _| -> Result<()> {
                count += batch.len();
                write_claims_jsonl(batch, &mut sink).map_err(|e| Error::io(path, e))
            },
        )
    };
    if threads == 0 {
        run()?;
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Input(format!("no thread pool: {e}")))?;
        pool.install(run)?;
    }
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

/// Where a figure goes wrong: an error writing to the benchmark's output.
fn to_out(e: io::Error) -> Error {
    Error::io(Path::new("<stdout>"), e)
}

/// Generates the corpus, extracts it on one thread and on all threads,
/// and times ripgrep's digit count over it as a floor.
fn extraction_stage(rules: &RuleSet, options: &Options, out: &mut dyn Write) -> Result<()> {
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
    .map_err(to_out)?;
    let (one, found) = time_extraction(rules, &path, 1)?;
    writeln!(
        out,
        "extraction, 1 thread: {one:.2} s, {:.1} MB/s, {found} claims",
        mb / one
    )
    .map_err(to_out)?;
    let threads = rayon::current_num_threads();
    let (all, _) = time_extraction(rules, &path, 0)?;
    writeln!(
        out,
        "extraction, {threads} threads: {all:.2} s, {:.1} MB/s, {:.2}x one thread",
        mb / all,
        one / all
    )
    .map_err(to_out)?;
    writeln!(out, "peak memory after extraction: {}", mib(peak_memory())).map_err(to_out)?;
    match ripgrep_seconds(&path) {
        Some(rg) => writeln!(
            out,
            "ripgrep floor (rg -c '[0-9٠-٩]'): {rg:.2} s, {:.0} MB/s; extraction on 1 thread is {:.1}x that",
            mb / rg,
            one / rg
        ),
        None => writeln!(out, "ripgrep floor: rg not installed (apt-get install ripgrep), skipped"),
    }
    .map_err(to_out)?;
    let _ = std::fs::remove_file(&path);
    Ok(())
}

/// Compares `options.claims` synthetic claims.
fn comparison_stage(rules: &RuleSet, options: &Options, out: &mut dyn Write) -> Result<()> {
    let claims = options.claims;
    let synthetic = synthetic_claims(claims, (claims / 50).max(1), options.seed);
    let start = Instant::now();
    let comparisons = compare(&Standards::of(rules), &synthetic);
    let secs = start.elapsed().as_secs_f64();
    let keys = comparisons.len();
    let rate = claims as f64 / secs;
    writeln!(
        out,
        "comparison: {claims} claims on {keys} keys in {secs:.2} s, {rate:.0} claims/s"
    )
    .map_err(to_out)
}

/// The `bench` command: generate, extract (one thread, all threads), time
/// ripgrep's count of digit lines as a floor, compare synthetic claims,
/// render every report format at each report size; each figure a line of
/// `out`.
pub fn run(rules: &RuleSet, options: &Options, out: &mut dyn Write) -> Result<()> {
    std::fs::create_dir_all(&options.dir).map_err(|e| Error::io(&options.dir, e))?;
    if options.articles > 0 {
        extraction_stage(rules, options, out)?;
    }
    if options.claims > 0 {
        comparison_stage(rules, options, out)?;
    }
    writeln!(out, "peak memory overall: {}", mib(peak_memory())).map_err(to_out)?;
    for &size in options.report_sizes.iter().filter(|&&n| n > 0) {
        report::stage(rules, size, options.seed, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Claim;

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
