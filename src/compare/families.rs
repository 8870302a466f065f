//! Source families: which claims on a key count as one source. Two
//! documents of one outlet are one source; outlets merge when they carry
//! the same wire copy, quote the same speaker, or print near-identical
//! sentences. Every merge keeps its reason for the report.

use super::source_of;
use crate::claim::Claim;
use crate::text::FastMap;

/// Union-find over a key's claims.
pub(super) struct Families {
    parent: Vec<usize>,
    pub(super) reasons: Vec<Vec<String>>,
    /// How many distinct sources (outlets, or documents of unknown outlets).
    pub(super) sources: usize,
}

impl Families {
    pub(super) fn new(n: usize) -> Families {
        Families {
            parent: (0..n).collect(),
            reasons: vec![Vec::new(); n],
            sources: 0,
        }
    }

    pub(super) fn root(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        self.parent[i] = r;
        r
    }

    fn merge(&mut self, a: usize, b: usize, reason: Option<String>) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[rb] = ra;
            let moved = std::mem::take(&mut self.reasons[rb]);
            self.reasons[ra].extend(moved);
        }
        if let Some(r) = reason
            && !self.reasons[ra].contains(&r)
        {
            self.reasons[ra].push(r);
        }
    }
}

/// Sentences sharing this share of their words (Jaccard, after
/// normalization) are one copy.
const NEAR_COPY: f64 = 0.8;

/// The words of a sentence after normalization, as sorted hashes: two
/// sentences' overlap is a merge of two short lists.
fn signature(sentence: &str) -> Vec<u64> {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let norm = crate::text::normalize_text(sentence);
    let hasher = BuildHasherDefault::<crate::text::FxHasher>::default();
    let mut words: Vec<u64> = norm
        .split(|c: char| !crate::text::is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| hasher.hash_one(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Jaccard similarity of two sorted, deduplicated lists.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

pub(super) fn families(group: &[&Claim], anonymous: &dyn Fn(&str) -> bool) -> Families {
    let mut f = Families::new(group.len());
    let sources: Vec<std::borrow::Cow<str>> = group.iter().map(|c| source_of(c)).collect();
    let mut first_of_outlet: FastMap<&str, usize> = FastMap::default();
    for (i, source) in sources.iter().enumerate() {
        match first_of_outlet.get(source.as_ref()) {
            Some(&j) => f.merge(j, i, None),
            None => {
                first_of_outlet.insert(source, i);
            }
        }
    }
    f.sources = first_of_outlet.len();
    if f.sources < 2 {
        return f;
    }
    // Shared wires and speakers: each claim against the first claim of
    // another source that carried the same wire or quoted the same speaker.
    let mut by_wire: FastMap<&str, usize> = FastMap::default();
    let mut by_speaker: FastMap<&str, usize> = FastMap::default();
    for (i, c) in group.iter().enumerate() {
        for wire in &c.wires {
            match by_wire.get(wire.as_str()) {
                Some(&j) if sources[j] != sources[i] => {
                    let reason = format!(
                        "{} and {} both carry {wire} copy",
                        group[j].outlet, c.outlet
                    );
                    f.merge(j, i, Some(reason));
                }
                Some(_) => {}
                None => {
                    by_wire.insert(wire, i);
                }
            }
        }
        // Two outlets each citing unnamed «مصادر» need not share a source.
        if let Some(speaker) = c.speaker.as_ref().filter(|s| !anonymous(s)) {
            match by_speaker.get(speaker.as_str()) {
                Some(&j) if sources[j] != sources[i] => {
                    let reason =
                        format!("{} and {} both quote {speaker}", group[j].outlet, c.outlet);
                    f.merge(j, i, Some(reason));
                }
                Some(_) => {}
                None => {
                    by_speaker.insert(speaker, i);
                }
            }
        }
    }
    // Near copies: pairwise on the first claims only, so a large key stays linear.
    let limit = group.len().min(NEAR_COPY_LIMIT);
    let signatures: Vec<Vec<u64>> = group[..limit]
        .iter()
        .map(|c| signature(&c.sentence))
        .collect();
    for i in 0..limit {
        for j in i + 1..limit {
            if sources[i] == sources[j] {
                continue;
            }
            let similarity = jaccard(&signatures[i], &signatures[j]);
            if similarity >= NEAR_COPY {
                let reason = format!(
                    "{} and {} print near-identical sentences ({similarity:.2})",
                    group[i].outlet, group[j].outlet
                );
                f.merge(i, j, Some(reason));
            }
        }
    }
    f
}

/// Near copies are looked for among the first this many claims of a key.
const NEAR_COPY_LIMIT: usize = 32;
