//! STUB — replaced by the real relation finder.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Agrees,
    Contrasts,
    Related,
}
impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agrees => "agrees",
            Self::Contrasts => "contrasts",
            Self::Related => "related",
        }
    }
}
#[derive(Debug, Clone, Copy)]
pub struct ClaimText<'a> {
    pub doc: usize,
    pub text: &'a str,
    pub is_hedged: bool,
}
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Relation {
    pub a: usize,
    pub b: usize,
    pub kind: RelationKind,
    pub score: f32,
    pub reason: String,
}
pub fn find_relations(_claims: &[ClaimText<'_>]) -> Vec<Relation> {
    Vec::new()
}
