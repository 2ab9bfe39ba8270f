//! Trains the claims check-worthiness model and writes `assets/claims_model.json`.
//!
//! ```text
//! cargo run --release --example train_claims -- [--eval-dir ../shared/eval]
//!     [--out assets/claims_model.json] [--l2 3e-5] [--min-df 2] [--max-ngrams 8000]
//!     [--prune 0.03] [--iterations 300] [--cv] [--bench]
//! ```
//! Trains on `claims/checkworthy_train.csv` (class-balanced L2 logistic regression, L-BFGS,
//! no randomness, so the same data gives the same file), keeps the strongest `--max-ngrams`
//! n-grams and refits on them, then reloads the written weights and reports precision,
//! recall, F1 and accuracy of `assess_with` — the exact inference path, vetoes included — on
//! `checkworthy_dev.csv` at `THRESHOLD`. `--cv` also prints 5-fold cross-validated scores on
//! train for a few L2 strengths; `--bench` measures single-threaded `assess` throughput.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

use lectern::core::claims::model::{
    Analysis, DENSE_FEATURES, MODEL_FORMAT, Model, ModelFile, dense_feature_name,
};
use lectern::core::claims::rules::Rule;
use lectern::core::claims::{THRESHOLD, assess_with};

struct Options {
    eval_dir: PathBuf,
    out: PathBuf,
    l2: f64,
    min_df: u32,
    prune: f64,
    iterations: usize,
    max_ngrams: usize,
    cross_validate: bool,
    bench: bool,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        eval_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval")),
        out: PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/claims_model.json"
        )),
        l2: 3e-5,
        min_df: 2,
        prune: 0.03,
        iterations: 300,
        max_ngrams: 8_000,
        cross_validate: false,
        bench: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--eval-dir" => options.eval_dir = PathBuf::from(value()?),
            "--out" => options.out = PathBuf::from(value()?),
            "--l2" => options.l2 = value()?.parse().map_err(|e| format!("--l2: {e}"))?,
            "--min-df" => {
                options.min_df = value()?.parse().map_err(|e| format!("--min-df: {e}"))?
            }
            "--prune" => options.prune = value()?.parse().map_err(|e| format!("--prune: {e}"))?,
            "--iterations" => {
                options.iterations = value()?.parse().map_err(|e| format!("--iterations: {e}"))?
            }
            "--max-ngrams" => {
                options.max_ngrams = value()?.parse().map_err(|e| format!("--max-ngrams: {e}"))?
            }
            "--cv" => options.cross_validate = true,
            "--bench" => options.bench = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

/// One labelled sentence.
struct Row {
    sentence: String,
    is_claim: bool,
}

/// RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    while let Some(ch) = chars.next() {
        if in_quotes {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => in_quotes = false,
                c => field.push(c),
            }
            continue;
        }
        match ch {
            '"' => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn read_rows(path: &std::path::Path) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = parse_csv(&text).into_iter();
    let header = rows.next().ok_or("empty csv")?;
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let (sentence_col, label_col) = (column("sentence")?, column("label")?);
    Ok(rows
        .filter_map(|r| {
            let sentence = r.get(sentence_col)?.clone();
            let is_claim = r.get(label_col)?.trim().eq_ignore_ascii_case("yes");
            Some(Row { sentence, is_claim })
        })
        .collect())
}

/// Sparse design matrix row: (column, value) pairs; dense features come first.
struct Example {
    features: Vec<(u32, f32)>,
    is_claim: bool,
}

struct Vocabulary {
    column_of: HashMap<u64, u32>,
    keys: Vec<String>,
}

fn build_vocabulary(rows: &[Row], min_df: u32) -> Vocabulary {
    let mut df: HashMap<u64, (u32, String)> = HashMap::new();
    for row in rows {
        let analysis = Analysis::new(&row.sentence);
        let mut seen = Vec::new();
        analysis.for_each_ngram(|ngram| {
            if !seen.contains(&ngram.hash) {
                seen.push(ngram.hash);
                df.entry(ngram.hash)
                    .or_insert_with(|| (0, analysis.ngram_key(&ngram)))
                    .0 += 1;
            }
        });
    }
    let mut kept: Vec<(String, u64)> = df
        .into_iter()
        .filter(|(_, (count, _))| *count >= min_df)
        .map(|(h, (_, key))| (key, h))
        .collect();
    kept.sort();
    let mut vocabulary = Vocabulary {
        column_of: HashMap::new(),
        keys: Vec::new(),
    };
    for (key, hash) in kept {
        vocabulary
            .column_of
            .insert(hash, (DENSE_FEATURES + vocabulary.keys.len()) as u32);
        vocabulary.keys.push(key);
    }
    vocabulary
}

fn featurize(rows: &[Row], vocabulary: &Vocabulary) -> Vec<Example> {
    rows.iter()
        .map(|row| {
            let analysis = Analysis::new(&row.sentence);
            let mut features: Vec<(u32, f32)> = analysis
                .dense_features()
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0.0)
                .map(|(i, v)| (i as u32, *v))
                .collect();
            let value = analysis.ngram_value();
            analysis.for_each_ngram(|ngram| {
                if let Some(&column) = vocabulary.column_of.get(&ngram.hash) {
                    features.push((column, value));
                }
            });
            Example {
                features,
                is_claim: row.is_claim,
            }
        })
        .collect()
}

/// Strength of the penalty that holds rule weights to their [`Rule::weight_bounds`].
const BOUND_PENALTY: f64 = 10.0;

/// Class-balanced, L2-regularised logistic loss and gradient; `weights[0]` is the bias.
fn loss_and_gradient(examples: &[Example], weights: &[f64], l2: f64, gradient: &mut [f64]) -> f64 {
    let positives = examples.iter().filter(|e| e.is_claim).count().max(1) as f64;
    let negatives = (examples.len() as f64 - positives).max(1.0);
    let total = examples.len() as f64;
    let (positive_weight, negative_weight) = (total / (2.0 * positives), total / (2.0 * negatives));
    gradient.iter_mut().for_each(|g| *g = 0.0);
    let mut loss = 0.0;
    for example in examples {
        let mut logit = weights[0];
        for &(column, value) in &example.features {
            logit += weights[column as usize + 1] * value as f64;
        }
        let (label, class_weight) = if example.is_claim {
            (1.0, positive_weight)
        } else {
            (0.0, negative_weight)
        };
        // log(1 + e^-z) / log(1 + e^z) without overflow.
        let margin = if example.is_claim { logit } else { -logit };
        loss += class_weight
            * (if margin > 0.0 {
                (-margin).exp().ln_1p()
            } else {
                -margin + margin.exp().ln_1p()
            });
        let error = class_weight * (1.0 / (1.0 + (-logit).exp()) - label);
        gradient[0] += error;
        for &(column, value) in &example.features {
            gradient[column as usize + 1] += error * value as f64;
        }
    }
    loss /= total;
    gradient.iter_mut().for_each(|g| *g /= total);
    for (g, w) in gradient.iter_mut().zip(weights.iter()).skip(1) {
        *g += l2 * w;
    }
    // Bounds on rule weights as a stiff quadratic penalty (keeps the loss smooth).
    let mut penalty = 0.0;
    for rule in Rule::ALL {
        let (lower, upper) = rule.weight_bounds();
        let w = weights[rule.index() + 1];
        let violation = (w - lower as f64).min(0.0) + (w - upper as f64).max(0.0);
        penalty += BOUND_PENALTY * violation * violation;
        gradient[rule.index() + 1] += 2.0 * BOUND_PENALTY * violation;
    }
    loss + penalty + 0.5 * l2 * weights.iter().skip(1).map(|w| w * w).sum::<f64>()
}

/// Deterministic L-BFGS with backtracking (Armijo) line search.
fn train(examples: &[Example], dimension: usize, l2: f64, iterations: usize) -> Vec<f64> {
    const MEMORY: usize = 10;
    let n = dimension + 1;
    let mut weights = vec![0.0; n];
    let mut gradient = vec![0.0; n];
    let mut loss = loss_and_gradient(examples, &weights, l2, &mut gradient);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let mut iterations_run = 0;
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    for _ in 0..iterations {
        // Two-loop recursion for the search direction.
        let mut direction: Vec<f64> = gradient.iter().map(|g| -g).collect();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let alpha = rho * dot(s, &direction);
            direction
                .iter_mut()
                .zip(y)
                .for_each(|(d, yi)| *d -= alpha * yi);
            alphas.push(alpha);
        }
        if let Some((s, y, _)) = history.last() {
            let gamma = dot(s, y) / dot(y, y);
            direction.iter_mut().for_each(|d| *d *= gamma);
        }
        for ((s, y, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
            let beta = rho * dot(y, &direction);
            direction
                .iter_mut()
                .zip(s)
                .for_each(|(d, si)| *d += (alpha - beta) * si);
        }
        let slope = dot(&gradient, &direction);
        if slope >= 0.0 {
            direction = gradient.iter().map(|g| -g).collect();
            history.clear();
        }
        let slope = dot(&gradient, &direction);
        let mut step = if history.is_empty() {
            1.0 / dot(&gradient, &gradient).sqrt().max(1e-12)
        } else {
            1.0
        };
        let mut new_weights = vec![0.0; n];
        let mut new_gradient = vec![0.0; n];
        let mut new_loss;
        loop {
            new_weights
                .iter_mut()
                .zip(&weights)
                .zip(&direction)
                .for_each(|((nw, w), d)| *nw = w + step * d);
            new_loss = loss_and_gradient(examples, &new_weights, l2, &mut new_gradient);
            if new_loss <= loss + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = new_weights
            .iter()
            .zip(&weights)
            .map(|(a, b)| a - b)
            .collect();
        let y: Vec<f64> = new_gradient
            .iter()
            .zip(&gradient)
            .map(|(a, b)| a - b)
            .collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            history.push((s, y, 1.0 / sy));
            if history.len() > MEMORY {
                history.remove(0);
            }
        }
        let improvement = loss - new_loss;
        weights = new_weights;
        gradient = new_gradient;
        loss = new_loss;
        if improvement.abs() < 1e-9 {
            break;
        }
        iterations_run += 1;
    }
    eprintln!("  l-bfgs: {iterations_run} iterations, loss {loss:.5}");
    weights
}

/// Fits on all n-grams, keeps the `max_ngrams` strongest, and refits on those alone, so the
/// shipped file stays small without the accuracy loss of plain pruning.
fn fit(rows: &[Row], options: &Options, l2: f64) -> (Vec<f64>, Vocabulary) {
    let vocabulary = build_vocabulary(rows, options.min_df);
    let examples = featurize(rows, &vocabulary);
    let weights = train(
        &examples,
        DENSE_FEATURES + vocabulary.keys.len(),
        l2,
        options.iterations,
    );
    if vocabulary.keys.len() <= options.max_ngrams {
        return (weights, vocabulary);
    }
    let mut ranked: Vec<usize> = (0..vocabulary.keys.len()).collect();
    ranked.sort_by(|&a, &b| {
        let (wa, wb) = (
            weights[DENSE_FEATURES + a + 1].abs(),
            weights[DENSE_FEATURES + b + 1].abs(),
        );
        wb.total_cmp(&wa).then(a.cmp(&b))
    });
    ranked.truncate(options.max_ngrams);
    ranked.sort_unstable();
    let mut kept = Vocabulary {
        column_of: HashMap::new(),
        keys: Vec::new(),
    };
    let hash_of: HashMap<u32, u64> = vocabulary.column_of.iter().map(|(h, c)| (*c, *h)).collect();
    for index in ranked {
        let Some(hash) = hash_of.get(&((DENSE_FEATURES + index) as u32)) else {
            continue;
        };
        kept.column_of
            .insert(*hash, (DENSE_FEATURES + kept.keys.len()) as u32);
        kept.keys.push(vocabulary.keys[index].clone());
    }
    let examples = featurize(rows, &kept);
    let weights = train(
        &examples,
        DENSE_FEATURES + kept.keys.len(),
        l2,
        options.iterations,
    );
    (weights, kept)
}

fn to_model_file(weights: &[f64], vocabulary: &Vocabulary, prune: f64, note: String) -> ModelFile {
    let round = |w: f64| ((w * 1000.0).round() / 1000.0) as f32;
    let dense: BTreeMap<String, f32> = (0..DENSE_FEATURES)
        .map(|i| (dense_feature_name(i).to_string(), round(weights[i + 1])))
        .collect();
    let ngrams: BTreeMap<String, f32> = vocabulary
        .keys
        .iter()
        .enumerate()
        .map(|(i, key)| (key.clone(), weights[DENSE_FEATURES + i + 1]))
        .filter(|(_, w)| w.abs() >= prune)
        .map(|(key, w)| (key, round(w)))
        .collect();
    ModelFile {
        format: MODEL_FORMAT.to_string(),
        note,
        bias: round(weights[0]),
        dense,
        ngrams,
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn accuracy(&self) -> f64 {
        (self.tp + self.tn) as f64 / (self.tp + self.fp + self.fn_ + self.tn).max(1) as f64
    }
    fn line(&self) -> String {
        format!(
            "P {:.3}  R {:.3}  F1 {:.3}  acc {:.3}  (tp {} fp {} fn {} tn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.accuracy(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

fn cross_validate(rows: &[Row], options: &Options) {
    const FOLDS: usize = 5;
    for l2 in [1e-5, 3e-5, 1e-4, 3e-4] {
        let mut scores: Vec<(f32, bool)> = Vec::with_capacity(rows.len());
        for fold in 0..FOLDS {
            let is_test = |i: usize| i % FOLDS == fold;
            let train_rows: Vec<Row> = rows
                .iter()
                .enumerate()
                .filter(|(i, _)| !is_test(*i))
                .map(|(_, r)| Row {
                    sentence: r.sentence.clone(),
                    is_claim: r.is_claim,
                })
                .collect();
            let (weights, vocabulary) = fit(&train_rows, options, l2);
            let model = Model::from_file(&to_model_file(
                &weights,
                &vocabulary,
                options.prune,
                String::new(),
            ));
            for (_, row) in rows.iter().enumerate().filter(|(i, _)| is_test(*i)) {
                scores.push((vetoed_score(&model, &row.sentence), row.is_claim));
            }
        }
        for threshold in [THRESHOLD, 0.6] {
            println!(
                "cv l2 {l2:e} @ {threshold:.2}: {}",
                counts_at(&scores, threshold).line()
            );
        }
    }
}

/// The score `assess_with` compares with the threshold; vetoed sentences count as 0.
fn vetoed_score(model: &Model, sentence: &str) -> f32 {
    let assessment = assess_with(model, sentence);
    if assessment.veto.is_some() {
        0.0
    } else {
        assessment.score
    }
}

fn counts_at(scores: &[(f32, bool)], threshold: f32) -> Counts {
    let mut counts = Counts::default();
    scores
        .iter()
        .for_each(|&(s, y)| counts.add(s >= threshold, y));
    counts
}

/// Single-threaded `assess_with` throughput over every train and dev sentence.
fn bench(model: &Model, train_rows: &[Row], dev_rows: &[Row]) {
    let sentences: Vec<&str> = train_rows
        .iter()
        .chain(dev_rows)
        .map(|r| r.sentence.as_str())
        .collect();
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    let mut claims = 0usize;
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let started = std::time::Instant::now();
        claims = sentences
            .iter()
            .filter(|s| std::hint::black_box(assess_with(model, s)).is_claim)
            .count();
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "bench: {} sentences, {:.2} MB in {:.1} ms (best of 5) = {:.1} MB/s, \
         {:.2} µs/sentence, {claims} claims",
        sentences.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best,
        best * 1e6 / sentences.len() as f64
    );
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("train_claims: {e}");
            return ExitCode::FAILURE;
        }
    };
    let dir = options.eval_dir.join("claims");
    let (train_rows, dev_rows) = match (
        read_rows(&dir.join("checkworthy_train.csv")),
        read_rows(&dir.join("checkworthy_dev.csv")),
    ) {
        (Ok(t), Ok(d)) => (t, d),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("train_claims: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "train {} rows ({} yes), dev {} rows",
        train_rows.len(),
        train_rows.iter().filter(|r| r.is_claim).count(),
        dev_rows.len()
    );
    if options.cross_validate {
        cross_validate(&train_rows, &options);
    }
    let (weights, vocabulary) = fit(&train_rows, &options, options.l2);

    let mut model_file = to_model_file(&weights, &vocabulary, options.prune, String::new());
    let model = Model::from_file(&model_file);
    let mut dev = Counts::default();
    for row in &dev_rows {
        dev.add(assess_with(&model, &row.sentence).is_claim, row.is_claim);
    }
    println!(
        "vocabulary {} n-grams, kept {} after pruning |w| < {}",
        vocabulary.keys.len(),
        model_file.ngrams.len(),
        options.prune
    );
    println!("dev @ THRESHOLD {THRESHOLD}: {}", dev.line());
    let scores: Vec<(f32, bool)> = dev_rows
        .iter()
        .map(|r| (vetoed_score(&model, &r.sentence), r.is_claim))
        .collect();
    if std::env::var_os("CLAIMS_ERRORS").is_some() {
        for (row, (score, _)) in dev_rows.iter().zip(&scores) {
            if (*score >= THRESHOLD) != row.is_claim {
                let label = if row.is_claim { "FN" } else { "FP" };
                println!("{label} {score:.2} {}", row.sentence);
            }
        }
    }
    for threshold in [0.3f32, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
        println!(
            "  dev @ {threshold:.2}: {}",
            counts_at(&scores, threshold).line()
        );
    }
    model_file.note = format!(
        "Logistic regression (class-balanced, L2 {:e}, L-BFGS, min_df {}, pruned |w| < {}) \
         on CLEF-2024 CheckThat! 1 English train; dev at threshold {THRESHOLD}: \
         P {:.3} R {:.3} F1 {:.3} acc {:.3}. \
         Regenerate: cargo run --release --example train_claims",
        options.l2,
        options.min_df,
        options.prune,
        dev.precision(),
        dev.recall(),
        dev.f1(),
        dev.accuracy()
    );
    let json = match serde_json::to_string(&model_file) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("train_claims: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&options.out, &json) {
        eprintln!("train_claims: {}: {e}", options.out.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {} ({} bytes)", options.out.display(), json.len());
    if options.bench {
        bench(&model, &train_rows, &dev_rows);
    }
    ExitCode::SUCCESS
}
