//! The learned part of the scorer: a logistic regression over hashed word unigrams and bigrams
//! plus one binary feature per [`Rule`] and a few length buckets.
//!
//! [`Analysis`] is the single featurisation path used both by inference ([`Model::score`]) and
//! by training (`examples/train_claims.rs`). [`ModelFile`] is the readable JSON weight file:
//! n-gram keys are the normalised words ("of the", `"<num> percent"`), hashed once on load.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::cues::detect_cues;
use super::rules::{Rule, RuleCue};
use super::text::{
    HashTable, SHAPE_FOOTNOTE, START_HASH, START_KEY, Token, Tokenized, bigram_hash, fnv,
    token_key, tokenize_counted,
};

/// Names of the length-bucket features that follow the rule features.
pub const LENGTH_FEATURES: [&str; 5] =
    ["len_1_5", "len_6_10", "len_11_20", "len_21_40", "len_41_up"];
/// Number of dense (rule + length) features.
pub const DENSE_FEATURES: usize = Rule::ALL.len() + LENGTH_FEATURES.len();
/// Identifier of the model file format.
pub const MODEL_FORMAT: &str = "lectern-claims-v1";

/// Name of dense feature `index` (rule names first, then length buckets).
pub fn dense_feature_name(index: usize) -> &'static str {
    match Rule::ALL.get(index) {
        Some(rule) => rule.name(),
        None => LENGTH_FEATURES
            .get(index - Rule::ALL.len())
            .copied()
            .unwrap_or(""),
    }
}

/// A sentence tokenized and run through the cue rules: everything the model and the
/// explanation need, computed once.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The sentence as given.
    pub sentence: &'a str,
    /// Its tokens in order.
    pub tokens: Vec<Token>,
    /// Rule cues, sorted by start.
    pub cues: Vec<RuleCue>,
    /// Whether the sentence holds a quotation mark, `!` or `?` (see [`super::text::tokenize`]).
    pub has_marks: bool,
    /// [`Analysis::word_count`], counted once: the vetoes and the length bucket both read it.
    word_count: usize,
}

/// One unigram or bigram occurrence, by token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ngram {
    /// Hash the model weight is stored under.
    pub hash: u64,
    /// Index of the first token (equal to `last` for unigrams and the sentence-start bigram).
    pub first: usize,
    /// Index of the last token.
    pub last: usize,
    /// True for the bigram `"<s> first-word"`.
    pub is_sentence_start: bool,
}

impl<'a> Analysis<'a> {
    /// Tokenizes the sentence and finds its rule cues.
    pub fn new(sentence: &'a str) -> Self {
        Self::with_buffers(
            sentence,
            Vec::with_capacity(sentence.len() / 5 + 1),
            Vec::with_capacity(16),
        )
    }

    /// Like [`Analysis::new`], reusing the given (cleared) vectors for tokens and cues, so a
    /// caller scoring many sentences allocates them once.
    pub fn with_buffers(sentence: &'a str, mut tokens: Vec<Token>, mut cues: Vec<RuleCue>) -> Self {
        tokens.clear();
        cues.clear();
        let Tokenized { has_marks, words } = tokenize_counted(sentence, &mut tokens);
        detect_cues(sentence, &tokens, has_marks, &mut cues);
        Analysis {
            sentence,
            tokens,
            cues,
            has_marks,
            word_count: words,
        }
    }

    /// Number of word/number tokens (symbols and footnote markers excluded).
    pub fn word_count(&self) -> usize {
        self.word_count
    }

    /// Dense feature values: 1.0 for each rule that fired, then a one-hot length bucket.
    pub fn dense_features(&self) -> [f32; DENSE_FEATURES] {
        let mut values = [0.0f32; DENSE_FEATURES];
        for cue in &self.cues {
            if let Some(v) = values.get_mut(cue.rule.index()) {
                *v = 1.0;
            }
        }
        let bucket = length_bucket(self.word_count());
        if let Some(v) = values.get_mut(Rule::ALL.len() + bucket) {
            *v = 1.0;
        }
        values
    }

    /// Calls `visit` for every unigram and bigram (with repeats), in sentence order.
    pub fn for_each_ngram(&self, mut visit: impl FnMut(Ngram)) {
        let mut previous: Option<(usize, u64)> = None;
        for (index, token) in self.tokens.iter().enumerate() {
            if token.is_shape(SHAPE_FOOTNOTE) {
                continue;
            }
            visit(Ngram {
                hash: token.hash,
                first: index,
                last: index,
                is_sentence_start: false,
            });
            let (first, prev_hash, is_start) = match previous {
                Some((first, hash)) => (first, hash, false),
                None => (index, START_HASH, true),
            };
            visit(Ngram {
                hash: bigram_hash(prev_hash, token.hash),
                first,
                last: index,
                is_sentence_start: is_start,
            });
            previous = Some((index, token.hash));
        }
    }

    /// The weight of each n-gram occurrence: l2-style length normalisation, so long
    /// sentences do not win by word count alone.
    pub fn ngram_value(&self) -> f32 {
        let count = self.tokens.len().max(1) as f32;
        1.0 / count.sqrt()
    }

    /// The readable key of an n-gram ("of the", `"<s> in"`, `"<num>"`), as in the model file.
    pub fn ngram_key(&self, ngram: &Ngram) -> String {
        let key_of = |i: usize| {
            self.tokens
                .get(i)
                .map(|t| token_key(self.sentence, t))
                .unwrap_or_default()
        };
        if ngram.is_sentence_start {
            format!("{START_KEY} {}", key_of(ngram.last))
        } else if ngram.first == ngram.last {
            key_of(ngram.first)
        } else {
            format!("{} {}", key_of(ngram.first), key_of(ngram.last))
        }
    }
}

/// Index of the length bucket (among [`LENGTH_FEATURES`]) of a sentence of `words` words.
fn length_bucket(words: usize) -> usize {
    match words {
        0..=5 => 0,
        6..=10 => 1,
        11..=20 => 2,
        21..=40 => 3,
        _ => 4,
    }
}

/// Hash of a model-file n-gram key; must agree with [`Analysis::for_each_ngram`].
pub fn hash_ngram_key(key: &str) -> Option<u64> {
    let mut parts = key.split(' ');
    let first = fnv(parts.next()?);
    match (parts.next(), parts.next()) {
        (None, _) => Some(first),
        (Some(second), None) => Some(bigram_hash(first, fnv(second))),
        _ => None,
    }
}

/// The JSON weight file (`assets/claims_model.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// How the file was made (command, data, metrics), for humans.
    #[serde(default)]
    pub note: String,
    /// Intercept (log-odds).
    pub bias: f32,
    /// Weight of each dense feature by name.
    pub dense: BTreeMap<String, f32>,
    /// Weight of each n-gram by key.
    pub ngrams: BTreeMap<String, f32>,
}

/// Weights ready for scoring.
#[derive(Debug, Clone)]
pub struct Model {
    bias: f32,
    dense: [f32; DENSE_FEATURES],
    ngrams: HashTable<f32>,
    /// Whether [`Model::logit`] may add only the dense features that are set (see there).
    sparse_dense: bool,
}

// The rules that fired fit in one `u64` bit set (see [`Model::logit`]).
const _: () = assert!(Rule::ALL.len() <= 64);

/// Per-sentence model output: the log-odds and where they came from.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Log-odds of check-worthiness.
    pub logit: f32,
    /// Contribution of each dense feature (weight × value).
    pub dense: [f32; DENSE_FEATURES],
    /// Non-zero n-gram contributions: (first token, last token, contribution), sentence order.
    pub ngrams: Vec<(usize, usize, f32)>,
}

/// The dense weights of a model file in feature order (0 for a feature the file lacks).
fn dense_weights(file: &BTreeMap<String, f32>) -> [f32; DENSE_FEATURES] {
    let mut dense = [0.0; DENSE_FEATURES];
    for (index, weight) in dense.iter_mut().enumerate() {
        *weight = file.get(dense_feature_name(index)).copied().unwrap_or(0.0);
    }
    dense
}

/// A [`ModelFile`] read with its n-gram keys borrowed from the JSON text (see
/// [`Model::from_json`]); the same fields, of the same types, so it reads what a
/// [`ModelFile`] reads (the note and format are not kept).
#[derive(Deserialize)]
struct BorrowedModelFile<'a> {
    #[serde(borrow)]
    #[allow(dead_code)]
    format: std::borrow::Cow<'a, str>,
    #[serde(default, borrow)]
    #[allow(dead_code)]
    note: std::borrow::Cow<'a, str>,
    bias: f32,
    dense: BTreeMap<String, f32>,
    #[serde(borrow)]
    ngrams: FileNgrams<'a>,
}

/// A model file's n-gram weights in file order, keys borrowed.
struct FileNgrams<'a>(Vec<(&'a str, f32)>);

impl<'de: 'a, 'a> Deserialize<'de> for FileNgrams<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Entries<'a> {
            type Value = FileNgrams<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of n-gram weights")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((key, weight)) = map.next_entry::<&'de str, f32>()? {
                    entries.push((key, weight));
                }
                Ok(FileNgrams(entries))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

impl FileNgrams<'_> {
    /// The weight table [`Model::from_file`] builds from the sorted map: of a key given twice
    /// the map keeps the last weight, and of keys that hash alike (or a key with itself) the
    /// table keeps the one inserted last, which goes in key order. So here, among the
    /// entries of one hash, the one with the greatest key, and the last of that key, wins.
    fn into_table(self) -> HashTable<f32> {
        let entries = self.0;
        let key_of = |order: usize| entries.get(order).map(|e| e.0);
        // Hash → file order of the winning entry so far.
        let mut winners: HashMap<u64, usize> = HashMap::with_capacity(entries.len());
        for (order, (key, _)) in entries.iter().enumerate() {
            let Some(hash) = hash_ngram_key(key) else {
                continue;
            };
            let winner = winners.entry(hash).or_insert(order);
            // Later in file order: wins unless its key sorts before the winner's.
            if key_of(order) >= key_of(*winner) {
                *winner = order;
            }
        }
        HashTable::new(
            winners
                .into_iter()
                .map(|(hash, order)| (hash, entries.get(order).map_or(0.0, |e| e.1))),
        )
    }
}

impl Model {
    /// A model that knows only its rules, used if the shipped weights cannot be read.
    pub fn rules_only() -> Self {
        let mut dense = [0.0; DENSE_FEATURES];
        for rule in Rule::ALL {
            dense[rule.index()] = match rule.kind() {
                Some(_) if rule.is_weak() => 0.3,
                Some(_) => 1.0,
                None if rule == Rule::ProperName => 0.5,
                None => -1.0,
            };
        }
        Model::with_weights(-1.0, dense, HashTable::default())
    }

    /// Parses a model file; unknown feature names are ignored so old files keep loading.
    ///
    /// The n-gram keys are read borrowed from the text, in file order, rather than into a
    /// [`ModelFile`]'s sorted map of owned strings (building that map was most of the cost
    /// of loading); [`FileNgrams::into_table`] keeps what the map would have kept. A key the
    /// text cannot lend (one with an escape) sends the file through [`ModelFile`] instead.
    /// A test compares the two ways on the shipped file.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        if let Ok(file) = serde_json::from_str::<BorrowedModelFile<'_>>(json) {
            let dense = dense_weights(&file.dense);
            return Ok(Model::with_weights(
                file.bias,
                dense,
                file.ngrams.into_table(),
            ));
        }
        let file: ModelFile = serde_json::from_str(json)?;
        Ok(Self::from_file(&file))
    }

    /// Builds a model from its file form.
    pub fn from_file(file: &ModelFile) -> Self {
        let dense = dense_weights(&file.dense);
        let mut ngrams = HashMap::with_capacity(file.ngrams.len());
        for (key, weight) in &file.ngrams {
            if let Some(hash) = hash_ngram_key(key) {
                ngrams.insert(hash, *weight);
            }
        }
        Model::with_weights(file.bias, dense, HashTable::new(ngrams.into_iter()))
    }

    fn with_weights(bias: f32, dense: [f32; DENSE_FEATURES], ngrams: HashTable<f32>) -> Self {
        // A feature whose value is 0 adds 0 × weight, a zero: it changes no sum that starts
        // from a finite non-zero bias and adds finite terms (such a sum is never −0, and
        // x + ±0 = x for every other x). With NaN or infinite weights, or a zero bias, every
        // term is added as the file says.
        let sparse_dense = bias.is_finite() && bias != 0.0 && dense.iter().all(|w| w.is_finite());
        Model {
            bias,
            dense,
            ngrams,
            sparse_dense,
        }
    }

    /// Weight of a dense feature.
    pub fn dense_weight(&self, index: usize) -> f32 {
        self.dense.get(index).copied().unwrap_or(0.0)
    }

    /// Weight of a rule's feature.
    pub fn rule_weight(&self, rule: Rule) -> f32 {
        self.dense_weight(rule.index())
    }

    /// Number of n-gram weights.
    pub fn ngram_count(&self) -> usize {
        self.ngrams.len()
    }

    /// The log-odds of an analysed sentence alone: the same terms added in the same order as
    /// [`Model::score`] adds them (so the same value), without keeping the contributions.
    /// The dense features are 1 for the rules that fired and one length bucket, 0 for the
    /// rest: only the set ones are added, in feature order, as the zero terms change nothing
    /// (see [`Model::with_weights`]).
    pub fn logit(&self, analysis: &Analysis<'_>) -> f32 {
        let mut logit = self.bias;
        if self.sparse_dense {
            let mut fired = 0u64;
            for cue in &analysis.cues {
                fired |= 1 << cue.rule.index();
            }
            while fired != 0 {
                let index = fired.trailing_zeros() as usize;
                logit += self.dense_weight(index); // value 1 × weight
                fired &= fired - 1;
            }
            logit += self.dense_weight(Rule::ALL.len() + length_bucket(analysis.word_count()));
        } else {
            for (value, weight) in analysis.dense_features().into_iter().zip(self.dense) {
                logit += value * weight;
            }
        }
        // The n-grams of [`Analysis::for_each_ngram`], in its order: each word, then the bigram
        // it ends (after the sentence start for the first word).
        let scale = analysis.ngram_value();
        let mut previous = START_HASH;
        for token in &analysis.tokens {
            if token.is_shape(SHAPE_FOOTNOTE) {
                continue;
            }
            if let Some(weight) = self.ngrams.get_in_loop(token.hash) {
                logit += weight * scale;
            }
            if let Some(weight) = self.ngrams.get_in_loop(bigram_hash(previous, token.hash)) {
                logit += weight * scale;
            }
            previous = token.hash;
        }
        logit
    }

    /// Scores an analysed sentence, keeping every contribution for the explanation.
    pub fn score(&self, analysis: &Analysis<'_>) -> Scored {
        self.score_with_buffer(analysis, Vec::with_capacity(2 * analysis.tokens.len()))
    }

    /// Like [`Model::score`], collecting the n-gram contributions into a reused (cleared) vector.
    pub fn score_with_buffer(
        &self,
        analysis: &Analysis<'_>,
        mut ngram_contributions: Vec<(usize, usize, f32)>,
    ) -> Scored {
        ngram_contributions.clear();
        let values = analysis.dense_features();
        let mut scored = Scored {
            logit: self.bias,
            dense: [0.0; DENSE_FEATURES],
            ngrams: Vec::new(),
        };
        for ((contribution, value), weight) in scored.dense.iter_mut().zip(values).zip(self.dense) {
            *contribution = value * weight;
            scored.logit += *contribution;
        }
        let scale = analysis.ngram_value();
        analysis.for_each_ngram(|ngram| {
            if let Some(weight) = self.ngrams.get(ngram.hash) {
                let contribution = weight * scale;
                scored.logit += contribution;
                ngram_contributions.push((ngram.first, ngram.last, contribution));
            }
        });
        scored.ngrams = ngram_contributions;
        scored
    }
}

/// Logistic function.
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Model::from_json`] reads the n-grams borrowed, in file order; it must build the
    /// model [`Model::from_file`] builds from the parsed [`ModelFile`]: on the shipped file,
    /// and on files with a key given twice, keys that are not n-grams and a key with an
    /// escape (which goes the [`ModelFile`] way).
    #[test]
    fn borrowed_loading_builds_the_model_of_the_file_form() {
        let shipped = include_str!("../../../assets/claims_model.json");
        let head = r#"{"format":"lectern-claims-v1","note":"n","bias":-0.5,"dense":{"year":0.8,"len_1_5":-1},"ngrams":"#;
        let files = [
            shipped.to_owned(),
            format!(
                r#"{head}{{"of the":0.5,"b":1.5,"of the":-0.25,"a b c":2,"<s> in":0.125,"b":3}}}}"#
            ),
            format!(r#"{head}{{"x\"y":1,"z":2}}}}"#),
            format!(r#"{head}{{}}}}"#),
        ];
        for json in &files {
            let fast = Model::from_json(json).expect("loads");
            let file: ModelFile = serde_json::from_str(json).expect("parses");
            let plain = Model::from_file(&file);
            assert_eq!(fast.bias.to_bits(), plain.bias.to_bits());
            assert_eq!(fast.dense.map(f32::to_bits), plain.dense.map(f32::to_bits));
            assert_eq!(fast.sparse_dense, plain.sparse_dense);
            assert_eq!(fast.ngram_count(), plain.ngram_count());
            let probes = file
                .ngrams
                .keys()
                .filter_map(|key| hash_ngram_key(key))
                .chain((0..1000).map(|i: u64| i.wrapping_mul(0x9e37_79b9_7f4a_7c15)));
            for hash in probes {
                assert_eq!(
                    fast.ngrams.get(hash).map(f32::to_bits),
                    plain.ngrams.get(hash).map(f32::to_bits),
                    "{hash:#x}"
                );
            }
        }
        let twice = Model::from_json(&files[1]).expect("loads");
        assert_eq!(
            twice.ngrams.get(hash_ngram_key("b").unwrap_or(0)),
            Some(3.0)
        );
    }

    /// [`Model::logit`] adds only the set dense features; it must give the very value of
    /// [`Model::score`], which adds every term, and of the plain path a model takes when the
    /// zero terms might matter.
    #[test]
    fn sparse_logit_equals_the_full_sum() {
        let model = crate::core::claims::shipped_model();
        assert!(model.sparse_dense);
        let mut plain = model.clone();
        plain.sparse_dense = false;
        let mut sentences: Vec<String> = vec![
            String::new(),
            "Trade fell 40% in 2018 because of sanctions, officials said.".to_owned(),
            "I think this is wonderful!".to_owned(),
            "Military Cooperation".to_owned(),
        ];
        for seed in crate::core::seeds::SEEDS {
            let text = std::str::from_utf8(seed.bytes).unwrap_or_default();
            sentences.extend(text.lines().map(str::to_owned));
        }
        for sentence in &sentences {
            let analysis = Analysis::new(sentence);
            let logit = model.logit(&analysis);
            assert_eq!(
                logit.to_bits(),
                model.score(&analysis).logit.to_bits(),
                "{sentence:?}"
            );
            assert_eq!(
                logit.to_bits(),
                plain.logit(&analysis).to_bits(),
                "{sentence:?}"
            );
        }
    }
}
