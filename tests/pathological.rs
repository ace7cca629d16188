//! Pathological inputs, with bounds on counted work and memory rather than on wall time: an
//! allocator that counts allocations and live bytes wraps the system one, and each case compares
//! the counts at two sizes (linear work: 4× the input costs about 4× the allocations) or checks
//! that the peak stays flat (streaming).

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use geokg::ingest::{ArticleStream, ReadOptions};
use geokg::{Article, Extractor};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(live, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The counters are global: the tests of this file take turns.
static TURN: Mutex<()> = Mutex::new(());

/// What `f` cost: allocations made, and the peak of live bytes above what was live before.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let before = ALLOCS.load(Relaxed);
    let out = f();
    (out, ALLOCS.load(Relaxed) - before, PEAK.load(Relaxed) - base)
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("geokg-patho-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Text with no full stop at all: one clause said over and over.
/// The default extractor with its embedded syntax models already loaded: their one-time load
/// is no part of the work an article costs.
fn warm_extractor() -> Extractor {
    let ex = Extractor::default();
    ex.extract(&Article::from_text("warm", "Titre\nLa Russie a condamné l'Iran.\nRussia condemned Iran.\n"));
    for lang in [geokg::Lang::Fr, geokg::Lang::En] {
        assert!(ex.model(lang).is_some());
    }
    ex
}

fn flat(words: usize) -> String {
    let w = ["la", "Russie", "a", "condamné", "les", "frappes", "israéliennes", "contre", "l'Iran", "et"];
    let mut s = String::from("Titre\n");
    for i in 0..words {
        s.push_str(w[i % w.len()]);
        s.push(' ');
    }
    s
}

/// A text with no punctuation costs work and memory linear in its size: four times the text,
/// about four times the allocations and at most four times the peak memory.
#[test]
fn no_punctuation_is_linear() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let ex = warm_extractor();
    let small = Article::from_text("flat", &flat(40_000));
    let large = Article::from_text("flat", &flat(160_000));
    let (e1, a1, m1) = measure(|| ex.extract(&small).len());
    let (e4, a4, m4) = measure(|| ex.extract(&large).len());
    assert!(e1 > 0 && e4 >= 4 * e1 - 4 && e4 <= 4 * e1 + 4, "{e1} then {e4} events");
    let ratio = a4 as f64 / a1 as f64;
    assert!((3.6..=4.4).contains(&ratio), "allocations grew {ratio:.2}× for 4× the text ({a1} → {a4})");
    let ratio = m4 as f64 / m1 as f64;
    assert!(ratio <= 4.4, "peak memory grew {ratio:.2}× for 4× the text ({m1} → {m4})");
    // the peak is a small multiple of the text: tokens and sentences, not pairs of them
    assert!(m4 < 40 * large.text.len(), "peak {m4} bytes for {} bytes of text", large.text.len());
}

/// One sentence naming 5,000 actors: linear in their number too.
#[test]
fn thousands_of_actors_in_one_sentence_are_linear() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let ex = warm_extractor();
    let states = ["la Russie", "la Chine", "l'Iran", "la France", "l'Allemagne", "le Japon", "l'Inde"];
    let sentence = |n: usize| {
        let many: String = (0..n).map(|i| states[i % states.len()]).collect::<Vec<_>>().join(", ");
        Article::from_text("many", &format!("Titre\n{many} et la Turquie ont condamné Israël.\n"))
    };
    let (small, large) = (sentence(1_250), sentence(5_000));
    let (_, a1, m1) = measure(|| ex.extract(&small));
    let (events, a4, m4) = measure(|| ex.extract(&large));
    assert!(events.len() <= states.len() + 1, "{} events", events.len());
    let ratio = a4 as f64 / a1 as f64;
    assert!((3.5..=4.5).contains(&ratio), "allocations grew {ratio:.2}× for 4× the actors");
    assert!(m4 as f64 / m1 as f64 <= 4.5, "peak memory {m1} → {m4}");
}

/// A million tiny articles in one JSON Lines file stream through in flat memory: the peak does not
/// grow with the number of articles, and the allocations per article are constant.
#[test]
fn a_million_tiny_articles_stream_in_flat_memory() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let ex = warm_extractor();
    let write = |n: usize| {
        let path = temp(&format!("tiny-{n}.jsonl"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for i in 0..n {
            writeln!(f, r#"{{"id":"t{i}","text":"La Russie a condamné Israël.","lang":"fr"}}"#).unwrap();
        }
        f.flush().unwrap();
        path
    };
    let run = |path: &std::path::Path| {
        let mut articles = 0;
        let mut events = 0;
        // ids are not checked for repeats here: that keeps every id (a few dozen bytes an article)
        let opts = ReadOptions { allow_duplicate_ids: true, ..Default::default() };
        for a in ArticleStream::new(&[path], opts) {
            let a = a.unwrap();
            articles += 1;
            events += ex.extract(&a).len();
        }
        (articles, events)
    };
    let (small, large) = (write(100_000), write(1_000_000));
    let ((n1, e1), a1, m1) = measure(|| run(&small));
    let ((n2, e2), a2, m2) = measure(|| run(&large));
    let _ = std::fs::remove_file(&small);
    let _ = std::fs::remove_file(&large);
    assert_eq!((n1, e1), (100_000, 100_000));
    assert_eq!((n2, e2), (1_000_000, 1_000_000));
    let ratio = a2 as f64 / a1 as f64;
    assert!((9.5..=10.5).contains(&ratio), "allocations grew {ratio:.2}× for 10× the articles");
    assert!(m2 < m1 + 64 * 1024, "peak memory grew with the number of articles: {m1} → {m2}");
    assert!(m2 < 1 << 20, "peak {m2} bytes to stream tiny articles");
}

/// One huge JSONL line is skipped unread past the limit, with its line; the next line is read.
#[test]
fn a_huge_record_is_skipped_without_filling_memory() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let path = temp("huge.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(f, r#"{{"id":"huge","text":""#).unwrap();
    for _ in 0..200_000 {
        f.write_all(b"la Russie a condamne Israel ").unwrap();
    }
    writeln!(f, "\"}}").unwrap();
    writeln!(f, r#"{{"id":"small","text":"La Russie a condamné Israël."}}"#).unwrap();
    f.flush().unwrap();
    drop(f);
    let opts = ReadOptions { max_bytes: Some(100_000), ..Default::default() };
    let (items, _, peak) = measure(|| ArticleStream::new(&[&path], opts).collect::<Vec<_>>());
    let _ = std::fs::remove_file(&path);
    assert_eq!(items.len(), 2);
    let err = items[0].as_ref().unwrap_err().to_string();
    assert!(err.contains("huge.jsonl:1: ") && err.contains("5600024 bytes"), "{err}");
    assert_eq!(items[1].as_ref().unwrap().id, "small");
    assert!(peak < 2_000_000, "peak {peak} bytes for a 5.6 MB line with a 100 kB limit");
}

/// JSON nested 100,000 deep, as a file or as a line, is an error naming the file (and line), not a
/// stack overflow, and the other lines are still read; nested inside a field geokg does not read,
/// it is skipped over and the article kept.
#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let file = temp("deep.json");
    std::fs::write(&file, &deep).unwrap();
    let items: Vec<_> = ArticleStream::new(&[&file], ReadOptions::default()).collect();
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().unwrap_err().to_string();
    assert!(err.contains("deep.json") && err.contains("recursion limit"), "{err}");
    let lines = temp("deep.jsonl");
    let record = format!(r#"{{"id":"d","text":"La Russie a condamné Israël.","meta":{deep}}}"#);
    std::fs::write(&lines, format!("{deep}\n{record}\n{{\"id\":\"ok\",\"text\":\"Bonjour.\"}}\n")).unwrap();
    let items: Vec<_> = ArticleStream::new(&[&lines], ReadOptions::default()).collect();
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&lines);
    assert_eq!(items.len(), 3);
    let err = items[0].as_ref().unwrap_err().to_string();
    assert!(err.contains("deep.jsonl:1: ") && err.contains("recursion limit"), "{err}");
    assert_eq!(items[1].as_ref().unwrap().id, "d");
    assert_eq!(items[2].as_ref().unwrap().id, "ok");
}

/// A lone UTF-16 surrogate in a JSON escape (a JavaScript string cut in two) reads as U+FFFD and
/// the article is kept; valid pairs and escaped backslashes are left as they are.
#[test]
fn lone_surrogates_read_as_replacement_characters() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let path = temp("surrogates.jsonl");
    let lines = [
        r#"{"id":"hi","text":"La Russie a condamn\u00e9 Isra\u00ebl \ud83d."}"#,
        r#"{"id":"lo","text":"\udc00La Russie a condamné Israël."}"#,
        r#"{"id":"pair","text":"La Russie \ud83d\ude00 a condamné Israël \\ud800."}"#,
        r#"{"id":"two","text":"\ud800\ud800 La Russie a condamné Israël."}"#,
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let items: Vec<_> = ArticleStream::new(&[&path], ReadOptions::default()).collect();
    let _ = std::fs::remove_file(&path);
    let texts: Vec<String> = items.iter().map(|a| a.as_ref().unwrap().text.clone()).collect();
    assert!(texts[0].ends_with("La Russie a condamné Israël \u{fffd}."), "{:?}", texts[0]);
    assert!(texts[1].starts_with('\u{fffd}'), "{:?}", texts[1]);
    assert!(texts[2].contains("Russie 😀 a") && texts[2].contains("Israël \\ud800."), "{:?}", texts[2]);
    assert!(texts[3].starts_with("\u{fffd}\u{fffd} La Russie"), "{:?}", texts[3]);
    let ex = warm_extractor();
    for a in items.iter().map(|a| a.as_ref().unwrap()) {
        let events = ex.extract(a);
        assert_eq!(events.len(), 1, "{}: {events:?}", a.id);
        assert_eq!((events[0].source.id.as_str(), events[0].target.id.as_str()), ("rus", "isr"));
    }
}

/// NUL bytes, mixed scripts, right-to-left text and bidi overrides do not hide the event, and
/// every evidence span is a slice of the text on character boundaries.
#[test]
fn nul_mixed_scripts_and_right_to_left_text() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let ex = warm_extractor();
    for text in [
        "La Russie\0 a condamné Israël.",
        "La Russie a condamné Israël (إسرائيل) à Moscou (Москва).",
        "La Russie a condamné Israël. \u{202e}لقد أدانت روسيا إسرائيل\u{202c} ישראל",
        "\u{200f}La Russie a condamné Israël\u{200e}.",
        "La Russie 中国 a condamné Israël 🇮🇱.",
    ] {
        let a = Article::from_text("x", text);
        let events = ex.extract(&a);
        assert_eq!(events.len(), 1, "{text:?}: {events:?}");
        let e = &events[0];
        assert_eq!(
            (e.source.id.as_str(), e.target.id.as_str(), e.relation.cameo.as_str()),
            ("rus", "isr", "111")
        );
        assert_eq!(&a.text[e.span[0]..e.span[1]], e.text);
        let json = serde_json::to_string(e).unwrap();
        assert!(!json.contains('\0'), "{json}");
    }
}

/// A 50 MB article with no full stop and no line break: work linear in its size (a quarter of
/// it costs a quarter of the allocations) and memory bounded by a small multiple of the text
/// (its tokens and actor mentions). The command line skips such an article unless
/// `--max-article-bytes` allows it; the library still copes.
#[test]
fn fifty_megabytes_without_a_full_stop() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let ex = warm_extractor();
    let quarter = Article::from_text("flat", &flat(1_925_000));
    let whole = Article::from_text("flat", &flat(7_700_000));
    assert!(whole.text.len() >= 50_000_000, "{}", whole.text.len());
    let (e1, a1, _) = measure(|| ex.extract(&quarter).len());
    let (e4, a4, peak) = measure(|| ex.extract(&whole).len());
    assert!(e4.abs_diff(4 * e1) <= 8, "{e1} then {e4} events");
    let ratio = a4 as f64 / a1 as f64;
    assert!((3.8..=4.2).contains(&ratio), "allocations grew {ratio:.2}× for 4× the text ({a1} → {a4})");
    assert!(peak < 30 * whole.text.len(), "peak {peak} bytes for {} bytes of text", whole.text.len());
}

/// A file over the size limit is skipped before it is read: a 22 MB article costs no memory (it
/// was read whole, then measured).
#[test]
fn an_oversized_file_is_skipped_unread() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let path = temp("oversized.txt");
    std::fs::write(&path, format!("Title\n{}", "La Russie a condamné Israël. ".repeat(700_000))).unwrap();
    let opts = ReadOptions { max_bytes: Some(100_000), ..Default::default() };
    let (items, _, peak) = measure(|| ArticleStream::new(&[&path], opts).collect::<Vec<_>>());
    let _ = std::fs::remove_file(&path);
    assert_eq!(items.len(), 1);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.message, "file of 21700006 bytes is over --max-article-bytes 100000 (not read)");
    assert!(peak < 64 * 1024, "peak {peak} bytes to skip a 22 MB file");
}

/// Bytes produced on the fly: `n` tiny JSON Lines articles, never all in memory.
struct Records {
    next: usize,
    n: usize,
    line: Vec<u8>,
    at: usize,
}

impl std::io::Read for Records {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.line.len() {
            if self.next == self.n {
                return Ok(0);
            }
            self.line.clear();
            writeln!(
                self.line,
                r#"{{"id":"t{}","text":"La Russie a condamné Israël.","lang":"fr"}}"#,
                self.next
            )?;
            self.next += 1;
            self.at = 0;
        }
        let k = buf.len().min(self.line.len() - self.at);
        buf[..k].copy_from_slice(&self.line[self.at..self.at + k]);
        self.at += k;
        Ok(k)
    }
}

/// A stream (standard input) of JSON Lines is read line by line, like a file, in flat memory: it
/// was read whole first (1 GB on standard input peaked at 2.95 GB).
#[test]
fn a_million_articles_on_a_stream_stream_in_flat_memory() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let run = |n: usize| {
        let records = Records { next: 0, n, line: Vec::new(), at: 0 };
        let opts = ReadOptions { allow_duplicate_ids: true, ..Default::default() };
        let mut count = 0;
        for a in ArticleStream::from_reader(records, "<stdin>", "stdin", opts) {
            assert!(a.unwrap().id.starts_with('t'));
            count += 1;
        }
        count
    };
    let (n1, _, m1) = measure(|| run(100_000));
    let (n2, _, m2) = measure(|| run(1_000_000));
    assert_eq!((n1, n2), (100_000, 1_000_000));
    assert!(m2 < m1 + 64 * 1024, "peak memory grew with the number of articles: {m1} → {m2}");
    assert!(m2 < 1 << 20, "peak {m2} bytes to stream tiny articles");
}
