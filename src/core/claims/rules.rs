//! The [`Rule`]s behind Lectern's claim cues: each names one kind of evidence (a percentage,
//! a date, a reporting verb, a hedge, an opinion marker, …), says which [`ClaimKind`] it
//! supports, how it is explained to the reader, and the bounds its learned weight must keep.
//! [`RuleCue`] is a rule firing on a byte span of a sentence.

use super::ClaimKind;

/// A hand-written rule that fired on part of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A number that is not a year ("71", "33,000", "seventeen").
    Number,
    /// A percentage ("10%", "50 percent").
    Percentage,
    /// An amount of money ("$4 trillion", "20 dollars").
    Money,
    /// A multiplier ("43 times", "twice").
    Multiplier,
    /// A rank ("second-largest", "top 10").
    Rank,
    /// A proportion ("half of", "a third of", "the majority of").
    Proportion,
    /// A year ("In 2018").
    Year,
    /// A calendar date ("April 2019", "July 7, 1950", "on Monday").
    Date,
    /// A decade ("since the 1950s").
    Decade,
    /// A relative date ("last week", "two years ago", "in recent years").
    RelativeTime,
    /// A reporting verb ("said", "noted", "announced").
    ReportingVerb,
    /// "according to".
    AccordingTo,
    /// A quotation of three or more words.
    Quotation,
    /// A report as a source ("a report", "reports from").
    ReportNoun,
    /// A comparison with "than" ("greater than").
    ComparativeThan,
    /// A superlative ("the most influential", "largest").
    Superlative,
    /// An explicit comparison ("compared with", "in contrast").
    ComparedWith,
    /// A comparison by a multiple ("times greater", "times that of").
    MultipleOf,
    /// A causal link ("because", "led to", "due to", "enabled").
    CausalLink,
    /// Future tense ("will", "is going to").
    FutureTense,
    /// An expectation or forecast ("is expected to", "could lead to").
    Expectation,
    /// A future time ("in the future", "next year").
    FutureTime,
    /// A softening cue ("reportedly", "is said to", "may").
    Hedge,
    /// First-person opinion or exhortation ("I think", "we must", "let's").
    OpinionMarker,
    /// Obligation ("should", "must").
    Obligation,
    /// Addressing the listener ("you").
    SecondPerson,
    /// An evaluative word typical of opinion ("wonderful", "terrible").
    Evaluative,
    /// An exclamation mark.
    Exclamation,
    /// A question mark.
    QuestionMark,
    /// A capitalised name in mid-sentence ("Vladimir Putin", "UN").
    ProperName,
    /// Weak statistic: a trend verb ("increased", "fell").
    Trend,
    /// Weak comparison: a comparative without "than" ("closer ties").
    BareComparative,
    /// Weak cause ("allowed … to", "helped", "made it difficult").
    WeakCause,
    /// Weak attribution: an unnamed collective source ("experts", "officials").
    SourceNoun,
    /// Weak temporal: a duration ("for decades", "long-standing").
    Duration,
}

impl Rule {
    /// Every rule, in declaration order (the model's rule-feature order).
    pub const ALL: [Rule; 35] = [
        Rule::Number,
        Rule::Percentage,
        Rule::Money,
        Rule::Multiplier,
        Rule::Rank,
        Rule::Proportion,
        Rule::Year,
        Rule::Date,
        Rule::Decade,
        Rule::RelativeTime,
        Rule::ReportingVerb,
        Rule::AccordingTo,
        Rule::Quotation,
        Rule::ReportNoun,
        Rule::ComparativeThan,
        Rule::Superlative,
        Rule::ComparedWith,
        Rule::MultipleOf,
        Rule::CausalLink,
        Rule::FutureTense,
        Rule::Expectation,
        Rule::FutureTime,
        Rule::Hedge,
        Rule::OpinionMarker,
        Rule::Obligation,
        Rule::SecondPerson,
        Rule::Evaluative,
        Rule::Exclamation,
        Rule::QuestionMark,
        Rule::ProperName,
        Rule::Trend,
        Rule::BareComparative,
        Rule::WeakCause,
        Rule::SourceNoun,
        Rule::Duration,
    ];

    /// Index into [`Rule::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Stable name used as the weight key in the model file.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Number => "number",
            Rule::Percentage => "percentage",
            Rule::Money => "money",
            Rule::Multiplier => "multiplier",
            Rule::Rank => "rank",
            Rule::Proportion => "proportion",
            Rule::Year => "year",
            Rule::Date => "date",
            Rule::Decade => "decade",
            Rule::RelativeTime => "relative_time",
            Rule::ReportingVerb => "reporting_verb",
            Rule::AccordingTo => "according_to",
            Rule::Quotation => "quotation",
            Rule::ReportNoun => "report_noun",
            Rule::ComparativeThan => "comparative_than",
            Rule::Superlative => "superlative",
            Rule::ComparedWith => "compared_with",
            Rule::MultipleOf => "multiple_of",
            Rule::CausalLink => "causal_link",
            Rule::FutureTense => "future_tense",
            Rule::Expectation => "expectation",
            Rule::FutureTime => "future_time",
            Rule::Hedge => "hedge",
            Rule::OpinionMarker => "opinion_marker",
            Rule::Obligation => "obligation",
            Rule::SecondPerson => "second_person",
            Rule::Evaluative => "evaluative",
            Rule::Exclamation => "exclamation",
            Rule::QuestionMark => "question_mark",
            Rule::ProperName => "proper_name",
            Rule::Trend => "trend",
            Rule::BareComparative => "bare_comparative",
            Rule::WeakCause => "weak_cause",
            Rule::SourceNoun => "source_noun",
            Rule::Duration => "duration",
        }
    }

    /// What the reader is told the cue is (hedges get `"hedge: <text>"` at assembly).
    pub fn why(self) -> &'static str {
        match self {
            Rule::Number => "number",
            Rule::Percentage => "percentage",
            Rule::Money => "amount of money",
            Rule::Multiplier => "number (multiple)",
            Rule::Rank => "rank",
            Rule::Proportion => "proportion",
            Rule::Year => "date",
            Rule::Date => "date",
            Rule::Decade => "date (decade)",
            Rule::RelativeTime => "date (relative)",
            Rule::ReportingVerb => "reporting verb",
            Rule::AccordingTo => "named source",
            Rule::Quotation => "quotation",
            Rule::ReportNoun => "report as source",
            Rule::ComparativeThan => "comparison",
            Rule::Superlative => "superlative",
            Rule::ComparedWith => "comparison",
            Rule::MultipleOf => "comparison (multiple)",
            Rule::CausalLink => "cause",
            Rule::FutureTense => "prediction (future)",
            Rule::Expectation => "prediction",
            Rule::FutureTime => "prediction (future time)",
            Rule::Hedge => "hedge",
            Rule::OpinionMarker => "opinion marker",
            Rule::Obligation => "obligation",
            Rule::SecondPerson => "addresses the reader",
            Rule::Evaluative => "evaluative word",
            Rule::Exclamation => "exclamation",
            Rule::QuestionMark => "question",
            Rule::ProperName => "name",
            Rule::Trend => "trend",
            Rule::BareComparative => "comparative",
            Rule::WeakCause => "cause (weak)",
            Rule::SourceNoun => "unnamed source",
            Rule::Duration => "time span",
        }
    }

    /// The claim kind this rule evidences, if any.
    pub fn kind(self) -> Option<ClaimKind> {
        use ClaimKind::*;
        match self {
            Rule::Number
            | Rule::Percentage
            | Rule::Money
            | Rule::Multiplier
            | Rule::Rank
            | Rule::Proportion
            | Rule::Trend => Some(Statistic),
            Rule::Year | Rule::Date | Rule::Decade | Rule::RelativeTime | Rule::Duration => {
                Some(Temporal)
            }
            Rule::ReportingVerb
            | Rule::AccordingTo
            | Rule::Quotation
            | Rule::ReportNoun
            | Rule::SourceNoun => Some(Attribution),
            Rule::ComparativeThan
            | Rule::Superlative
            | Rule::ComparedWith
            | Rule::MultipleOf
            | Rule::BareComparative => Some(Comparison),
            Rule::CausalLink | Rule::WeakCause => Some(Causal),
            Rule::FutureTense | Rule::Expectation | Rule::FutureTime => Some(Prediction),
            _ => None,
        }
    }

    /// Bounds the rule's weight is held to in training (log-odds). Evidence of a claim kind
    /// can only raise check-worthiness — strong kinds by at least [`KIND_WEIGHT_FLOOR`] — and
    /// opinion marks only lower it — stance phrases by at least as much — so debate speech
    /// (where promises and quotes are rarely check-worthy and "I think" is carried by the
    /// word weights) cannot teach that dates, quotations or "it is apparent that" say
    /// nothing about written text.
    pub fn weight_bounds(self) -> (f32, f32) {
        match self {
            Rule::OpinionMarker | Rule::Evaluative => (f32::NEG_INFINITY, -KIND_WEIGHT_FLOOR),
            Rule::Obligation | Rule::SecondPerson | Rule::Exclamation | Rule::QuestionMark => {
                (f32::NEG_INFINITY, 0.0)
            }
            Rule::ProperName => (0.0, f32::INFINITY),
            rule if rule.kind().is_some() && rule.is_weak() => (0.0, f32::INFINITY),
            rule if rule.kind().is_some() => (KIND_WEIGHT_FLOOR, f32::INFINITY),
            _ => (f32::NEG_INFINITY, f32::INFINITY),
        }
    }

    /// Weak rules only decide a claim's kinds when no strong rule gave any.
    pub fn is_weak(self) -> bool {
        matches!(
            self,
            Rule::Trend
                | Rule::BareComparative
                | Rule::WeakCause
                | Rule::SourceNoun
                | Rule::Duration
        )
    }
}

/// Minimum weight of a strong claim-kind rule, and minimum penalty of an opinion marker
/// (see [`Rule::weight_bounds`]).
pub const KIND_WEIGHT_FLOOR: f32 = 0.5;

/// A rule that fired, with the byte span of the words that triggered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleCue {
    /// Byte offset where the cue starts.
    pub start: u32,
    /// Byte offset one past the cue's end.
    pub end: u32,
    /// The rule.
    pub rule: Rule,
}
