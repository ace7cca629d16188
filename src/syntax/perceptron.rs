//! The averaged perceptron behind the tagger and the parser: hashed features, integer updates
//! while training, averaged and quantised weights when frozen.
//!
//! A feature is a 64-bit hash of a template number and the values it reads. While training,
//! every feature that took part in an update gets a dense row of class weights (`i32`, so the
//! perceptron's ±1 updates are exact) with the running totals needed for averaging (Collins
//! 2002; lazy averaging as in Daumé's thesis). Frozen, a feature keeps only the classes whose
//! averaged weight rounds to a non-zero `i16` at the model's scale, in one flat table looked up
//! by the feature's 32-bit key.

use rustc_hash::FxHashMap;

/// Mixes two hashes into one (the finaliser of splitmix64 over a rotation and a multiply).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The hash of a string (FNV-1a over its bytes, then mixed).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

/// A feature: template `t` over the value hashes `vals`.
#[inline]
pub fn feat(t: u64, vals: &[u64]) -> u64 {
    let mut h = mix(0x51_7cc1_b727_220a, t);
    for &v in vals {
        h = mix(h, v);
    }
    h
}

/// The key a frozen table stores for a feature.
#[inline]
fn key(f: u64) -> u32 {
    (f >> 32) as u32 ^ f as u32
}

/// A perceptron being trained.
pub struct Trainer {
    classes: usize,
    rows: FxHashMap<u64, u32>,
    weights: Vec<i32>,
    totals: Vec<i64>,
    stamps: Vec<u32>,
    time: u32,
}

impl Trainer {
    /// A perceptron over `classes` classes, with no features yet.
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            rows: FxHashMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            time: 0,
        }
    }

    /// Adds the class scores of `features` to `scores` (which has one slot per class).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let base = row as usize * self.classes;
                for (s, w) in scores.iter_mut().zip(&self.weights[base..base + self.classes]) {
                    *s += *w as f32;
                }
            }
        }
    }

    /// Counts one training example (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves the weights of `features` towards `good` and away from `bad`.
    pub fn update(&mut self, features: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &f in features {
            let next = self.rows.len() as u32;
            let row = *self.rows.entry(f).or_insert(next);
            if row == next {
                self.weights.extend(std::iter::repeat_n(0, self.classes));
                self.totals.extend(std::iter::repeat_n(0, self.classes));
                self.stamps.extend(std::iter::repeat_n(0, self.classes));
            }
            let base = row as usize * self.classes;
            for (class, delta) in [(good, 1), (bad, -1)] {
                let i = base + class;
                self.totals[i] += i64::from(self.time - self.stamps[i]) * i64::from(self.weights[i]);
                self.stamps[i] = self.time;
                self.weights[i] += delta;
            }
        }
    }

    /// Averages the weights and freezes them, dropping classes whose averaged weight is below
    /// `prune` (in units of one update) and quantising the rest to `i16`.
    pub fn freeze(&self, prune: f64) -> Weights {
        let time = f64::from(self.time.max(1));
        let mut averaged: Vec<(u64, Vec<(u8, f64)>)> = Vec::with_capacity(self.rows.len());
        let mut max_abs: f64 = 0.0;
        for (&f, &row) in &self.rows {
            let base = row as usize * self.classes;
            let mut entries = Vec::new();
            for class in 0..self.classes {
                let i = base + class;
                let total =
                    self.totals[i] + i64::from(self.time - self.stamps[i]) * i64::from(self.weights[i]);
                let avg = total as f64 / time;
                if avg.abs() >= prune && avg != 0.0 {
                    entries.push((class as u8, avg));
                    max_abs = max_abs.max(avg.abs());
                }
            }
            if !entries.is_empty() {
                averaged.push((f, entries));
            }
        }
        let scale = if max_abs > 0.0 { max_abs / f64::from(i16::MAX) } else { 1.0 };
        let mut built = WeightsBuilder::new(self.classes, scale as f32);
        averaged.sort_by_key(|(f, _)| slot_key(*f));
        for (f, entries) in averaged {
            let q: Vec<(u8, i16)> = entries
                .into_iter()
                .map(|(c, w)| (c, (w / scale).round() as i16))
                .filter(|&(_, w)| w != 0)
                .collect();
            built.push(slot_key(f), &q);
        }
        built.finish().expect("a perceptron's weights fit the table")
    }
}

/// Frozen perceptron weights: an open-addressing table from a feature's 32-bit key to its run
/// of (class, weight) entries. Scoring looks up every feature first and adds the runs after, so
/// that the memory loads of one decision's features overlap instead of waiting on each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    classes: usize,
    scale: f32,
    /// The table; a key of 0 is an empty slot.
    slots: Vec<Slot>,
    /// (class, quantised weight), grouped by feature.
    entries: Vec<(u8, i16)>,
    features: usize,
}

/// One slot of the table: a feature's key, its run of entries (`first << 8 | (count - 1)`), and
/// a copy of the run itself when it holds at most [`INLINE`] entries (most do), so that scoring
/// such a feature reads one cache line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Slot {
    key: u32,
    run: u32,
    inline: [(u8, i16); INLINE],
}

/// Entries copied into a slot.
const INLINE: usize = 2;

/// Asks the processor to bring `x` into the cache (a hint; nothing on other architectures).
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults, and `x` is a valid reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((x as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// The key a frozen table stores for a feature (never 0, which marks an empty slot).
#[inline]
fn slot_key(f: u64) -> u32 {
    key(f).max(1)
}

struct WeightsBuilder {
    classes: usize,
    scale: f32,
    rows: Vec<(u32, u32, u8)>,
    entries: Vec<(u8, i16)>,
}

impl WeightsBuilder {
    fn new(classes: usize, scale: f32) -> Self {
        WeightsBuilder { classes, scale, rows: Vec::new(), entries: Vec::new() }
    }

    fn push(&mut self, key: u32, entries: &[(u8, i16)]) {
        if entries.is_empty() || entries.len() > 256 {
            return;
        }
        self.rows.push((key.max(1), self.entries.len() as u32, (entries.len() - 1) as u8));
        self.entries.extend_from_slice(entries);
    }

    fn finish(self) -> Result<Weights, String> {
        if self.entries.len() >= 1 << 24 {
            return Err(format!("{} weights: at most 2^24 fit the table", self.entries.len()));
        }
        let capacity = (self.rows.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        let mut features = 0;
        for (key, first, n) in self.rows {
            let mut i = key as usize & mask;
            loop {
                if slots[i].key == 0 {
                    let mut inline = [(0u8, 0i16); INLINE];
                    let count = n as usize + 1;
                    if count <= INLINE {
                        inline[..count]
                            .copy_from_slice(&self.entries[first as usize..first as usize + count]);
                    }
                    slots[i] = Slot { key, run: first << 8 | u32::from(n), inline };
                    features += 1;
                    break;
                }
                if slots[i].key == key {
                    break; // a 32-bit key collision: the first feature keeps it
                }
                i = (i + 1) & mask;
            }
        }
        Ok(Weights { classes: self.classes, scale: self.scale, slots, entries: self.entries, features })
    }
}

impl Weights {
    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The number of features kept.
    pub fn features(&self) -> usize {
        self.features
    }

    /// The number of (feature, class) weights kept.
    pub fn weights(&self) -> usize {
        self.entries.len()
    }

    /// Sets `scores` (one slot per class) to the class scores of `features`.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 256];
        let mask = self.slots.len() - 1;
        for chunk in features.chunks(128) {
            // look every feature up, then add the runs found
            let mut runs = [0u32; 128];
            let mut found = 0;
            // ask for every slot before reading any: the loads overlap
            for &f in chunk {
                prefetch(&self.slots[slot_key(f) as usize & mask]);
            }
            for &f in chunk {
                let k = slot_key(f);
                let mut i = k as usize & mask;
                loop {
                    let s = &self.slots[i];
                    if s.key == 0 {
                        break;
                    }
                    if s.key == k {
                        let n = (s.run & 0xff) as usize + 1;
                        if n <= INLINE {
                            for &(c, w) in &s.inline[..n] {
                                acc[c as usize] += i32::from(w);
                            }
                        } else {
                            runs[found] = s.run;
                            found += 1;
                        }
                        break;
                    }
                    i = (i + 1) & mask;
                }
            }
            for &run in &runs[..found] {
                prefetch(&self.entries[(run >> 8) as usize]);
            }
            for &run in &runs[..found] {
                let first = (run >> 8) as usize;
                let n = (run & 0xff) as usize + 1;
                for &(c, w) in &self.entries[first..first + n] {
                    acc[c as usize] += i32::from(w);
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s = *a as f32 * self.scale;
        }
    }

    /// The same weights without those smaller than `min` in absolute value (in units of one
    /// perceptron update), and without features left with none.
    pub fn pruned(&self, min: f64) -> Weights {
        let threshold = (min / f64::from(self.scale)).round() as i32;
        let mut built = WeightsBuilder::new(self.classes, self.scale);
        let mut row = Vec::new();
        for (k, first, n) in self.rows() {
            row.clear();
            row.extend(
                self.entries[first..first + n]
                    .iter()
                    .copied()
                    .filter(|&(_, w)| i32::from(w).abs() >= threshold),
            );
            built.push(k, &row);
        }
        built.finish().expect("fewer weights than before")
    }

    /// The features as (key, first entry, count), in key order.
    fn rows(&self) -> Vec<(u32, usize, usize)> {
        let mut rows: Vec<(u32, usize, usize)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, (s.run >> 8) as usize, (s.run & 0xff) as usize + 1))
            .collect();
        rows.sort_unstable();
        rows
    }

    /// Writes the weights in the model file's binary layout.
    pub fn write(&self, out: &mut Vec<u8>) {
        let rows = self.rows();
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        // keys as deltas (sorted), then counts, then the entries in key order
        let mut prev = 0u32;
        for (k, _, _) in &rows {
            write_varint(out, u64::from(*k - prev));
            prev = *k;
        }
        for (_, _, n) in &rows {
            write_varint(out, *n as u64);
        }
        for (_, first, n) in &rows {
            for &(c, w) in &self.entries[*first..*first + *n] {
                out.push(c);
                write_varint(out, zigzag(w));
            }
        }
    }

    /// Reads weights written by [`Weights::write`].
    pub fn read(input: &mut &[u8]) -> Result<Weights, String> {
        let classes = read_u32(input)? as usize;
        if classes == 0 || classes > 256 {
            return Err(format!("{classes} classes (1 to 256 expected)"));
        }
        let scale = f32::from_le_bytes(take(input, 4)?.try_into().expect("4 bytes"));
        if !scale.is_finite() || scale <= 0.0 {
            return Err("bad weight scale".into());
        }
        let n = read_u32(input)? as usize;
        let mut keys = Vec::with_capacity(n.min(1 << 24));
        let mut prev = 0u32;
        for _ in 0..n {
            let delta = u32::try_from(read_varint(input)?).map_err(|_| "key out of range".to_string())?;
            prev = prev.checked_add(delta).ok_or("key out of range")?;
            keys.push(prev);
        }
        let mut counts = Vec::with_capacity(n.min(1 << 24));
        for _ in 0..n {
            let c = read_varint(input)?;
            if c == 0 || c > 256 {
                return Err(format!("a feature with {c} weights"));
            }
            counts.push(c as usize);
        }
        let mut built = WeightsBuilder::new(classes, scale);
        let mut row = Vec::new();
        for (k, count) in keys.into_iter().zip(counts) {
            row.clear();
            for _ in 0..count {
                let c = *take(input, 1)?.first().expect("1 byte");
                if c as usize >= classes {
                    return Err(format!("class {c} out of range"));
                }
                let w = unzigzag(read_varint(input)?)?;
                row.push((c, w));
            }
            built.push(k, &row);
        }
        built.finish()
    }
}

fn zigzag(w: i16) -> u64 {
    u64::from(((w << 1) ^ (w >> 15)) as u16)
}

fn unzigzag(v: u64) -> Result<i16, String> {
    let v = u16::try_from(v).map_err(|_| "weight out of range".to_string())?;
    Ok(((v >> 1) as i16) ^ -((v & 1) as i16))
}

/// Appends `v` as a LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint.
pub fn read_varint(input: &mut &[u8]) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *take(input, 1)?.first().expect("1 byte");
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Ok(v);
        }
    }
    Err("varint too long".into())
}

/// Takes `n` bytes from the front of `input`.
pub fn take<'a>(input: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
    if input.len() < n {
        return Err("the model file ends early".into());
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Ok(head)
}

/// Reads a little-endian `u32`.
pub fn read_u32(input: &mut &[u8]) -> Result<u32, String> {
    Ok(u32::from_le_bytes(take(input, 4)?.try_into().expect("4 bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // class = which of three features is present
        let mut t = Trainer::new(3);
        let mut scores = [0f32; 3];
        for _ in 0..5 {
            for c in 0..3usize {
                let fs = [feat(1, &[c as u64]), feat(2, &[])];
                t.score(&fs, &mut scores);
                let best = (0..3).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap();
                t.tick();
                t.update(&fs, c, best);
            }
        }
        let w = t.freeze(0.0);
        for c in 0..3usize {
            w.score(&[feat(1, &[c as u64]), feat(2, &[])], &mut scores);
            let best = (0..3).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap();
            assert_eq!(best, c);
        }
        let mut bytes = Vec::new();
        w.write(&mut bytes);
        let back = Weights::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(back, w);
        assert!(Weights::read(&mut &bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn zigzag_round_trips() {
        for w in [0i16, 1, -1, 300, -300, i16::MAX, i16::MIN] {
            assert_eq!(unzigzag(zigzag(w)).unwrap(), w);
        }
    }
}
