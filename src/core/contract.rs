//! The JSON contract of `lectern analyze` (other tools rely on it: keep keys, add freely).
//!
//! [`AnalyzeOutput::from_study`] turns a [`Study`] into plain serde structs; offsets are byte
//! offsets into each document's normalised text.

use serde::Serialize;

use crate::core::analysis::{Claim, Study, explain_claim};
use crate::core::claims::Assessment;

/// Top-level object printed by `lectern analyze --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyzeOutput {
    /// Loaded documents.
    pub documents: Vec<DocumentOut>,
    /// Related claims across documents.
    pub relations: Vec<RelationOut>,
    /// Files that were skipped, with reasons.
    pub skipped: Vec<SkippedOut>,
    /// The person's items that could not be put back on the text (with `--workspace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orphans: Option<Vec<OrphanOut>>,
}

/// An item needing review.
#[derive(Debug, Clone, Serialize)]
pub struct OrphanOut {
    /// The document id.
    pub document: String,
    /// The quote it was anchored to.
    pub quote: String,
    /// Why it needs review.
    pub reason: &'static str,
}

/// One document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentOut {
    /// Stable id.
    pub id: String,
    /// Path relative to the opened folder.
    pub path: String,
    /// Title.
    pub title: String,
    /// Content hash of the file's bytes.
    pub hash: String,
    /// "text", "markdown" or "html".
    pub format: &'static str,
    /// Encoding the file was decoded from.
    pub encoding: &'static str,
    /// Sections in order.
    pub sections: Vec<SectionOut>,
    /// Reference list entries.
    pub references: Vec<ReferenceOut>,
    /// Set when the analysis of this document failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionOut {
    /// Heading text, "" when untitled.
    pub title: String,
    /// 1..=6.
    pub level: u8,
    /// Start of the section body.
    pub start: usize,
    /// End of the section body.
    pub end: usize,
    /// Sentences in order.
    pub sentences: Vec<SentenceOut>,
}

/// One sentence.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceOut {
    /// The sentence text.
    pub text: String,
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// The claim, when check-worthy.
    pub claim: Option<ClaimOut>,
}

/// One claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimOut {
    /// Stable id.
    pub id: String,
    /// Kinds: statistic, temporal, attribution, comparison, causal, prediction.
    pub kinds: Vec<&'static str>,
    /// Softened by a hedge.
    pub hedged: bool,
    /// Check-worthiness 0..1.
    pub score: f32,
    /// Labels of cited reference entries.
    pub citations: Vec<String>,
    /// The hedge cue's text, when hedged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge_cue: Option<String>,
    /// Why it was detected: "cue text — reason".
    pub reasons: Vec<String>,
    /// The person's verdict (with `--workspace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<&'static str>,
    /// The person's note (with `--workspace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The person's tags (with `--workspace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Dismissed by the person (with `--workspace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<bool>,
}

impl ClaimOut {
    /// The JSON form of a claim of the sentence `text` (its reasons are recomputed from it).
    pub fn from_claim(claim: &Claim, text: &str) -> Self {
        let explained = explain_claim(text);
        Self {
            citations: claim.citations.to_vec(),
            ..Self::from_assessment(claim.id.to_string(), &explained)
        }
    }

    /// The JSON form of a sentence's assessment (no citations).
    pub fn from_assessment(id: String, assessment: &Assessment) -> Self {
        Self {
            id,
            kinds: assessment.kinds.iter().map(|k| k.as_str()).collect(),
            hedged: assessment.is_hedged(),
            score: (assessment.score * 1000.0).round() / 1000.0,
            citations: Vec::new(),
            hedge_cue: assessment.hedge.as_ref().map(|c| c.text.to_string()),
            reasons: assessment
                .reasons
                .iter()
                .map(|c| format!("{} — {}", c.text, c.why))
                .collect(),
            verdict: None,
            note: None,
            tags: None,
            dismissed: None,
        }
    }
}

/// One reference entry.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceOut {
    /// Label footnotes use.
    pub label: String,
    /// Entry text.
    pub text: String,
}

/// Two related claims.
#[derive(Debug, Clone, Serialize)]
pub struct RelationOut {
    /// Claim id.
    pub a: String,
    /// Claim id.
    pub b: String,
    /// "agrees", "contrasts" or "related".
    pub kind: &'static str,
    /// Strength 0..1.
    pub score: f32,
    /// Why, in words.
    pub reason: String,
}

/// One skipped file.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedOut {
    /// Path.
    pub path: String,
    /// Why.
    pub reason: String,
}

impl AnalyzeOutput {
    /// The contract's view of a study.
    pub fn from_study(study: &Study) -> Self {
        let documents = study
            .documents
            .iter()
            .map(|d| {
                let doc = &d.document;
                DocumentOut {
                    id: doc.id.clone(),
                    path: doc.path.clone(),
                    title: doc.title.clone(),
                    hash: doc.hash.clone(),
                    format: doc.format.as_str(),
                    encoding: doc.encoding,
                    sections: doc
                        .sections
                        .iter()
                        .zip(&d.sections)
                        .map(|(s, a)| SectionOut {
                            title: s.title.clone(),
                            level: s.level,
                            start: s.body.start,
                            end: s.body.end,
                            sentences: a
                                .sentences
                                .iter()
                                .map(|x| SentenceOut {
                                    text: doc.slice(x.span).to_owned(),
                                    start: x.span.start,
                                    end: x.span.end,
                                    claim: x.claim.as_ref().map(|claim| {
                                        ClaimOut::from_claim(claim, doc.slice(x.span))
                                    }),
                                })
                                .collect(),
                        })
                        .collect(),
                    references: doc
                        .references
                        .iter()
                        .map(|r| ReferenceOut {
                            label: r.label.clone(),
                            text: doc.reference_text(r).to_owned(),
                        })
                        .collect(),
                    error: d.error.clone(),
                }
            })
            .collect();
        let claim_id = |r| study.claim(r).map(|c| c.id.to_string()).unwrap_or_default();
        let relations = study
            .relations
            .iter()
            .map(|r| RelationOut {
                a: claim_id(r.a),
                b: claim_id(r.b),
                kind: r.kind.as_str(),
                score: (r.score * 1000.0).round() / 1000.0,
                reason: r.reason.clone(),
            })
            .collect();
        let skipped = study
            .skipped
            .iter()
            .map(|s| SkippedOut {
                path: s.path.clone(),
                reason: s.reason.to_string(),
            })
            .collect();
        Self {
            documents,
            relations,
            skipped,
            orphans: None,
        }
    }
}

impl AnalyzeOutput {
    /// The contract with the person's data from a workspace on each claim, plus its orphans.
    pub fn with_workspace(
        study: &Study,
        workspace: &crate::core::workspace::Workspace,
        orphans: &[crate::core::workspace::Orphan],
    ) -> Self {
        let mut out = Self::from_study(study);
        for (doc_out, d) in out.documents.iter_mut().zip(&study.documents) {
            for (section_out, section) in doc_out.sections.iter_mut().zip(&d.sections) {
                for (sentence_out, sentence) in
                    section_out.sentences.iter_mut().zip(&section.sentences)
                {
                    let (Some(claim_out), Some(claim)) = (&mut sentence_out.claim, &sentence.claim)
                    else {
                        continue;
                    };
                    let record = workspace
                        .find_detected(&claim.id)
                        .and_then(|item| workspace.claim(item));
                    claim_out.verdict = Some(
                        record
                            .map_or(crate::core::workspace::Verdict::Unreviewed, |r| r.verdict)
                            .label(),
                    );
                    claim_out.note = Some(record.map(|r| r.note.clone()).unwrap_or_default());
                    claim_out.tags = Some(
                        record
                            .map(|r| r.tags.iter().cloned().collect())
                            .unwrap_or_default(),
                    );
                    claim_out.dismissed = Some(record.is_some_and(|r| r.is_dismissed));
                }
            }
        }
        out.orphans = Some(
            orphans
                .iter()
                .map(|o| OrphanOut {
                    document: o.document_id.clone(),
                    quote: o.quote.clone(),
                    reason: o.reason.describe(),
                })
                .collect(),
        );
        out
    }
}
