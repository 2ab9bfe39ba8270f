//! STUB — replaced by the real scorer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Statistic,
    Temporal,
    Attribution,
    Comparison,
    Causal,
    Prediction,
}
impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        Self::Statistic,
        Self::Temporal,
        Self::Attribution,
        Self::Comparison,
        Self::Causal,
        Self::Prediction,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Statistic => "statistic",
            Self::Temporal => "temporal",
            Self::Attribution => "attribution",
            Self::Comparison => "comparison",
            Self::Causal => "causal",
            Self::Prediction => "prediction",
        }
    }
}
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub why: String,
    pub weight: f32,
}
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Assessment {
    pub score: f32,
    pub is_claim: bool,
    pub kinds: Vec<ClaimKind>,
    pub hedge: Option<Cue>,
    pub reasons: Vec<Cue>,
}
pub const THRESHOLD: f32 = 0.5;
pub fn assess(sentence: &str) -> Assessment {
    let has_digit = sentence.chars().any(|c| c.is_ascii_digit());
    Assessment {
        score: if has_digit { 0.9 } else { 0.1 },
        is_claim: has_digit,
        kinds: if has_digit {
            vec![ClaimKind::Statistic]
        } else {
            vec![]
        },
        hedge: None,
        reasons: vec![],
    }
}
