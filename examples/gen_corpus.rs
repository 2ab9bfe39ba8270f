//! Deterministic generator of realistic article-like documents, for benchmarks and stress tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 1000 --mb 50 [--seed 7] OUT_DIR
//! ```
//! Writes `--docs` documents totalling about `--mb` megabytes into OUT_DIR, in every format
//! Lectern reads (.txt, .md, .html) and several encodings (UTF-8, UTF-8 with BOM, UTF-16LE,
//! Windows-1252): headings, paragraphs, numbers, dates, quotations, hedges, footnote markers,
//! reference lists and, in the HTML pages, navigation and cookie chrome. The same seed always
//! gives the same bytes. Generated data never goes into git.

use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ACTORS: &[&str] = &[
    "the central bank",
    "the ministry of finance",
    "Russia",
    "China",
    "the European Union",
    "the city council",
    "the United Nations",
    "North Korea",
    "the World Bank",
    "the regional government",
    "the port authority",
    "the union",
    "local farmers",
    "the health service",
    "the university",
    "exporters",
    "the navy",
];
const SOURCES: &[&str] = &[
    "Reuters",
    "the Associated Press",
    "Dr. Maria Lopez",
    "Prof. Chen Wei",
    "the ministry",
    "a spokesperson",
    "analysts at the IMF",
    "The National Interest",
    "the statistics office",
    "Sen. Ruth Adams",
    "the committee",
];
const VERBS: &[&str] = &[
    "increased",
    "reduced",
    "doubled",
    "cut",
    "expanded",
    "suspended",
    "approved",
    "rejected",
    "financed",
    "delayed",
    "announced",
    "renewed",
];
const BASE_VERBS: &[&str] = &[
    "increase", "reduce", "double", "cut", "expand", "suspend", "approve", "finance", "renew",
];
const OBJECTS: &[&str] = &[
    "its imports of coal",
    "spending on infrastructure",
    "military aid",
    "trade with its neighbours",
    "the number of inspections",
    "fuel subsidies",
    "the budget for schools",
    "exports of rare earths",
    "support for the sanctions",
    "investment in rail",
    "the reserve requirement",
    "grain shipments",
];
const REPORTING: &[&str] = &[
    "said",
    "reported",
    "noted",
    "argued",
    "told reporters",
    "wrote",
];
const HEDGES: &[&str] = &[
    "reportedly",
    "is said to have",
    "is believed to have",
    "may have",
    "likely",
    "appears to have",
];
const OPINIONS: &[&str] = &[
    "This is a remarkable turn of events.",
    "Few would have predicted it.",
    "The question deserves attention.",
    "It is worth pausing on what this means.",
    "The story is far from over.",
    "Much remains unclear.",
];
const HEADINGS: &[&str] = &[
    "Background",
    "Trade and Investment",
    "Military Cooperation",
    "Political Support",
    "Economic Outlook",
    "Sanctions",
    "What Comes Next",
    "Regional Reactions",
    "The Numbers",
    "Analysis",
    "Human Rights",
    "Energy and Resources",
    "History of the Relationship",
    "Public Opinion",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const NAMES: &[&str] = &[
    "Smith", "Kim", "Lukin", "Snyder", "Osborn", "Roblin", "Garcia", "Novak", "Okafor", "Tanaka",
];
const WEIRD: &[&str] = &[
    "naïve",
    "café",
    "résumé",
    "façade",
    "coöperation",
    "Zoë",
    "São Paulo",
    "Kraków",
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn sentence(rng: &mut Rng, footnote: &mut usize) -> String {
    let actor = capitalise(rng.pick(ACTORS));
    let year = 1990 + rng.below(35);
    let pct = format!("{}.{}%", rng.below(90) + 1, rng.below(10));
    let mut s = match rng.below(9) {
        0 => format!(
            "In {} {year}, {} {} {} by {pct}.",
            rng.pick(MONTHS),
            actor.to_lowercase(),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        1 => format!(
            "{actor} {} {}, according to {}.",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(SOURCES)
        ),
        2 => format!(
            "“We have {} {},” {} {} on {} {}.",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(SOURCES),
            rng.pick(REPORTING),
            rng.pick(MONTHS),
            rng.below(28) + 1
        ),
        3 => format!(
            "{actor} {} {} {}, which led to a fall of ${}.{}bn in revenue.",
            rng.pick(HEDGES),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.below(50),
            rng.below(10)
        ),
        4 => format!(
            "Compared with {year}, {} now spends {} times more on {}.",
            rng.pick(ACTORS),
            rng.below(40) + 2,
            rng.pick(OBJECTS).trim_start_matches("its ")
        ),
        5 => format!(
            "{actor} is expected to {} {} by {} in the {} café district.",
            rng.pick(BASE_VERBS),
            rng.pick(OBJECTS),
            year + 10,
            rng.pick(WEIRD)
        ),
        6 => rng.pick(OPINIONS).to_owned(),
        7 => format!(
            "{actor} is the second-largest partner of {}, with a share of {pct} (U.S. data, e.g. from Jan. {year}).",
            rng.pick(ACTORS)
        ),
        _ => format!(
            "Because {} {} {}, {} {} {}.",
            rng.pick(ACTORS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ACTORS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
    };
    if rng.chance(12) {
        *footnote += 1;
        write!(s, "{footnote}").ok();
    }
    s
}

struct Article {
    title: String,
    sections: Vec<(String, Vec<String>)>,
    references: Vec<String>,
}

fn article(rng: &mut Rng, target_bytes: usize) -> Article {
    let mut footnote = 0;
    let title = format!(
        "{} and {}: {}",
        capitalise(rng.pick(ACTORS)),
        rng.pick(ACTORS),
        rng.pick(HEADINGS)
    );
    let mut sections = Vec::new();
    let mut size = title.len();
    while size < target_bytes {
        let heading = rng.pick(HEADINGS).to_owned();
        let mut paragraphs = Vec::new();
        for _ in 0..(2 + rng.below(4)) {
            let mut p = String::new();
            for _ in 0..(3 + rng.below(5)) {
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(&sentence(rng, &mut footnote));
            }
            size += p.len() + 2;
            paragraphs.push(p);
            if size >= target_bytes {
                break;
            }
        }
        size += heading.len() + 2;
        sections.push((heading, paragraphs));
    }
    let references = (1..=footnote)
        .map(|_| {
            format!(
                "{}, {}, “{}: {}”, {}, {} {}, {},",
                rng.pick(NAMES),
                rng.pick(&["Anna", "Boris", "Chen", "David", "Eva"]),
                rng.pick(HEADINGS),
                rng.pick(OBJECTS),
                rng.pick(SOURCES),
                rng.pick(MONTHS),
                rng.below(28) + 1,
                1995 + rng.below(30)
            )
        })
        .collect();
    Article {
        title,
        sections,
        references,
    }
}

fn as_text(a: &Article) -> String {
    let mut s = format!("{}\n\n", a.title);
    for (h, ps) in &a.sections {
        write!(s, "{h}\n\n").ok();
        for p in ps {
            write!(s, "{p}\n\n").ok();
        }
    }
    for r in &a.references {
        writeln!(s, "{r}").ok();
    }
    s
}

fn as_markdown(a: &Article) -> String {
    let mut s = format!("---\ntitle: \"{}\"\n---\n\n# {}\n\n", a.title, a.title);
    for (h, ps) in &a.sections {
        write!(s, "## {h}\n\n").ok();
        for p in ps {
            write!(
                s,
                "{}\n\n",
                p.replacen(" by ", " by **", 1).replacen('%', "%**", 1)
            )
            .ok();
        }
    }
    if !a.references.is_empty() {
        s.push_str("## References\n\n");
        for (i, r) in a.references.iter().enumerate() {
            writeln!(s, "{}. {r}", i + 1).ok();
        }
    }
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn as_html(a: &Article) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{} | The Daily Record</title>\n<style>body{{font:16px serif}}</style><script>var tracking = 1;</script></head>\n<body><a href=\"#main\">Skip to main content</a>\n<div class=\"cookie-banner\">We use cookies to improve your experience. <button>Accept</button></div>\n<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li></ul></nav></header>\n<main id=\"main\"><article><h1>{}</h1>\n",
        escape(&a.title),
        escape(&a.title)
    );
    for (h, ps) in &a.sections {
        writeln!(s, "<h2>{}</h2>", escape(h)).ok();
        for p in ps {
            writeln!(s, "<p>{}</p>", escape(p)).ok();
        }
    }
    if !a.references.is_empty() {
        s.push_str("<h2>Notes</h2>\n<ol>\n");
        for r in &a.references {
            writeln!(s, "<li>{}</li>", escape(r)).ok();
        }
        s.push_str("</ol>\n");
    }
    s.push_str("<div class=\"share\">Share this: <a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></div>\n</article></main>\n<footer><p>© 2024 The Daily Record. All rights reserved.</p></footer></body></html>\n");
    s
}

fn encode(text: &str, encoding: usize) -> Vec<u8> {
    match encoding {
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        3 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
        _ => text.as_bytes().to_vec(),
    }
}

fn main() {
    let mut docs = 100usize;
    let mut mb = 5.0f64;
    let mut seed = 7u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--docs" => {
                docs = value("--docs")
                    .parse()
                    .unwrap_or_else(|_| fail("--docs takes a number"))
            }
            "--mb" => {
                mb = value("--mb")
                    .parse()
                    .unwrap_or_else(|_| fail("--mb takes a number"))
            }
            "--seed" => {
                seed = value("--seed")
                    .parse()
                    .unwrap_or_else(|_| fail("--seed takes a number"))
            }
            "-h" | "--help" => {
                println!("usage: gen_corpus [--docs N] [--mb M] [--seed S] OUT_DIR");
                return;
            }
            other if out.is_none() && !other.starts_with('-') => out = Some(PathBuf::from(other)),
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let Some(out) = out else {
        fail("usage: gen_corpus [--docs N] [--mb M] [--seed S] OUT_DIR")
    };
    match write_corpus(&out, docs, mb, seed) {
        Ok(total) => println!(
            "wrote {docs} documents, {:.1} MB, to {}",
            total as f64 / 1048576.0,
            out.display()
        ),
        Err(err) => fail(&err),
    }
}

/// Writes `docs` documents of about `mb` megabytes in all into `out`; returns the bytes
/// written. The benchmarks (`benches/core.rs`) call it too.
pub fn write_corpus(
    out: &std::path::Path,
    docs: usize,
    mb: f64,
    seed: u64,
) -> Result<usize, String> {
    std::fs::create_dir_all(out)
        .map_err(|err| format!("cannot create {}: {err}", out.display()))?;
    let per_doc = ((mb * 1024.0 * 1024.0) / docs.max(1) as f64) as usize;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut total = 0usize;
    for i in 0..docs {
        let a = article(&mut rng, per_doc.max(200));
        // Mostly UTF-8 text and HTML, as real folders are; every format and encoding occurs.
        let (ext, text, encoding) = match i % 10 {
            0..=3 => ("txt", as_text(&a), 0),
            4 => ("txt", as_text(&a), 3),
            5 => ("txt", as_text(&a), 2),
            6 | 7 => ("html", as_html(&a), 0),
            8 => ("md", as_markdown(&a), 0),
            _ => ("md", as_markdown(&a), 1),
        };
        let bytes = encode(&text, encoding);
        total += bytes.len();
        let dir = out.join(format!("batch-{:03}", i / 100));
        let path = dir.join(format!("doc-{i:05}.{ext}"));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, bytes))
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    Ok(total)
}

fn fail(message: &str) -> ! {
    eprintln!("gen_corpus: {message}");
    std::process::exit(2);
}
