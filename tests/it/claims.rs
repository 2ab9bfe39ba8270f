//! Sentences and claims on real articles: footnotes, citations, span invariants.

use lectern::core::analysis::{Study, explain_claim};
use lectern::core::sentences::split_sentences;

use crate::support::seeds;

/// The sentence of document `doc` containing `fragment`.
fn sentence_with<'s>(
    study: &'s Study,
    doc: usize,
    fragment: &str,
) -> &'s lectern::core::analysis::Sentence {
    let d = &study.documents[doc];
    d.sections
        .iter()
        .flat_map(|s| &s.sentences)
        .find(|s| d.document.slice(s.span).contains(fragment))
        .unwrap_or_else(|| panic!("no sentence containing {fragment:?}"))
}

#[test]
fn every_footnote_of_the_second_seed_links_to_the_right_reference() {
    let study = seeds();
    let doc = &study.documents[1].document;
    let expected = [
        (
            "adopted Resolution 84.",
            "1",
            "United Nations Security Council",
        ),
        (
            "participated in the conflict until the 1990s.",
            "2",
            "Roblin, Sebastien",
        ),
        (
            "after their ideological ties were severed.",
            "3",
            "Kim Tong-Hyung",
        ),
        (
            "limit Western influence in East Asia.",
            "3",
            "Kim Tong-Hyung",
        ),
        (
            "incentive to North Korean denuclearization.",
            "4",
            "Lee Jeong-Ho",
        ),
        (
            "second-largest origin for imports to North Korea.",
            "5",
            "Simoes, Alexander",
        ),
        (
            "71 times greater than those from Russia.",
            "6",
            "Snyder, Scott",
        ),
        (
            "met with Kim Jong Un until April 2019.",
            "6",
            "Snyder, Scott",
        ),
        (
            "Russian interests in other parts of the globe.",
            "7",
            "Osborn, Andrew",
        ),
        (
            "little of substance was discussed or accomplished.",
            "8",
            "Lukin, Artyom",
        ),
    ];
    for (fragment, label, author) in expected {
        let sentence = sentence_with(&study, 1, fragment);
        let text = doc.slice(sentence.span);
        assert!(
            text.ends_with('.'),
            "the marker is not part of the sentence: {text:?}"
        );
        assert_eq!(
            sentence.footnotes.to_vec(),
            vec![label.to_owned()],
            "{fragment}"
        );
        let reference = doc
            .references
            .iter()
            .find(|r| r.label == label)
            .expect("reference exists");
        let text = doc.reference_text(reference);
        assert!(text.starts_with(author), "footnote {label} → {text}");
        if let Some(claim) = &sentence.claim {
            assert_eq!(
                claim.citations.to_vec(),
                vec![label.to_owned()],
                "{fragment}"
            );
        }
    }
    // "Resolution 84.1 This resolution…": the next sentence starts at "This".
    let next = sentence_with(&study, 1, "This resolution would lead");
    assert!(doc.slice(next.span).starts_with("This resolution"));
}

#[test]
fn sentence_spans_are_ordered_non_overlapping_and_cover_each_section() {
    let study = seeds();
    for d in &study.documents {
        let text = &d.document.text;
        for (section, analysis) in d.document.sections.iter().zip(&d.sections) {
            let mut covered = String::new();
            let mut last = section.body.start;
            for s in &analysis.sentences {
                assert!(
                    s.span.start >= last
                        && s.span.start < s.span.end
                        && s.span.end <= section.body.end
                );
                assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
                covered.push_str(&text[last..s.span.start]);
                covered.push_str(d.document.slice(s.span));
                let after = s.end_with_footnotes();
                covered.push_str(&text[s.span.end..after]);
                last = after;
            }
            covered.push_str(&text[last..section.body.end]);
            assert_eq!(
                covered,
                d.document.slice(section.body),
                "sentences and markers cover the section"
            );
            // Nothing but whitespace is left between sentences.
            let mut pos = section.body.start;
            for s in &analysis.sentences {
                assert!(
                    text[pos..s.span.start].trim().is_empty(),
                    "text lost before {:?}",
                    d.document.slice(s.span)
                );
                pos = s.end_with_footnotes();
            }
            assert!(text[pos..section.body.end].trim().is_empty());
        }
    }
}

mod properties {
    use super::split_sentences;
    use proptest::prelude::*;

    fn prose() -> impl Strategy<Value = String> {
        let pieces = prop::collection::vec(
            prop_oneof![
                Just("Hello world. ".to_owned()),
                Just("Dr. Smith paid $3.2bn (about 10.5%) in Jan. 2019. ".to_owned()),
                Just("He said \"stop.\" Then left… ".to_owned()),
                Just("Korean War.2 The next ".to_owned()),
                Just("Resolution 84.1 This ".to_owned()),
                Just("\n\n".to_owned()),
                Just("\n".to_owned()),
                Just("北京是中国的首都。".to_owned()),
                Just("مرحبا بالعالم. ".to_owned()),
                Just("👩🏽‍🔬 e\u{301} ".to_owned()),
                Just("see https://example.org/a.b?c=d. ".to_owned()),
                "[a-zA-Z .!?,;:'\"()0-9\n]{0,40}",
            ],
            0..30,
        );
        pieces.prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn spans_are_on_boundaries_ordered_trimmed_and_cover_all_text(text in prose()) {
            let spans = split_sentences(&text);
            let mut last = 0;
            for s in &spans {
                prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let t = &text[s.start..s.end];
                prop_assert_eq!(t, t.trim());
                prop_assert!(!text[last..s.start].chars().any(|c| !c.is_whitespace()), "text lost between sentences");
                last = s.footnotes_end.max(s.end);
                prop_assert!(text.is_char_boundary(last));
            }
            prop_assert!(text[last..].trim().is_empty(), "text lost at the end");
        }
    }
}

/// The seeds' claims as a reviewer reads them: kinds, hedge cue, citations, text.
fn claims_listing(study: &Study, doc: usize) -> String {
    let mut out = String::new();
    for r in study.claim_refs().filter(|r| r.doc == doc) {
        let claim = study.claim(r).expect("claim");
        let kinds: Vec<_> = claim.kinds.iter().map(|k| k.as_str()).collect();
        let text: String = study.sentence_text(r).chars().take(90).collect();
        out.push_str(&format!("[{}]", kinds.join(",")));
        if let Some(hedge) = explain_claim(study.sentence_text(r)).hedge {
            assert!(claim.is_hedged, "explained hedge of an unhedged claim");
            out.push_str(&format!(" hedge={:?}", hedge.text));
        }
        if !claim.citations.is_empty() {
            out.push_str(&format!(" cites={}", claim.citations.join(",")));
        }
        out.push_str(&format!(" {text}\n"));
    }
    out
}

fn relations_listing(study: &Study) -> String {
    let mut out = String::new();
    for rel in &study.relations {
        let a: String = study.sentence_text(rel.a).chars().take(70).collect();
        let b: String = study.sentence_text(rel.b).chars().take(70).collect();
        out.push_str(&format!(
            "{} {:.2}\n  A: {a}\n  B: {b}\n  why: {}\n",
            rel.kind.as_str(),
            rel.score,
            rel.reason
        ));
    }
    out
}

#[test]
fn seed_claims_and_relations() {
    let study = seeds();
    insta::assert_snapshot!("seed_1_claims", claims_listing(&study, 0));
    insta::assert_snapshot!("seed_2_claims", claims_listing(&study, 1));
    insta::assert_snapshot!("seed_relations", relations_listing(&study));
}

#[test]
fn the_seeds_hedges_are_found_with_their_cues() {
    let study = seeds();
    for (fragment, cue) in [
        ("Russia is said to be especially interested", "is said to"),
        ("has reportedly expressed concern", "reportedly"),
        ("it is believed that Russia", "it is believed"),
        ("may be closer allies", "may"),
    ] {
        let sentence = sentence_with(&study, 0, fragment);
        let claim = sentence
            .claim
            .as_ref()
            .unwrap_or_else(|| panic!("{fragment} is a claim"));
        assert!(claim.is_hedged, "{fragment} is hedged");
        let hedge = explain_claim(study.documents[0].document.slice(sentence.span))
            .hedge
            .unwrap_or_else(|| panic!("{fragment}'s hedge is explained"));
        assert!(hedge.text.contains(cue), "{fragment}: cue {:?}", hedge.text);
    }
    // Headings and reference entries are never claims.
    let d = &study.documents[1];
    assert!(d.document.references.iter().all(|r| {
        study.claim_refs().all(|c| {
            !study
                .sentence_text(c)
                .contains(d.document.reference_text(r))
        })
    }));
}

#[test]
fn detect_claim_agrees_with_assess_on_every_seed_sentence() {
    use lectern::core::claims::{ClaimKinds, assess, detect_claim};
    let study = seeds();
    let mut claims = 0;
    for d in &study.documents {
        for s in d.sections.iter().flat_map(|s| &s.sentences) {
            let text = d.document.slice(s.span);
            let full = assess(text);
            match detect_claim(text) {
                Some(claim) => {
                    assert!(full.is_claim, "{text:?}");
                    assert_eq!(claim.score, full.score, "{text:?}");
                    assert_eq!(
                        claim.kinds,
                        full.kinds.iter().copied().collect::<ClaimKinds>(),
                        "{text:?}"
                    );
                    assert_eq!(claim.is_hedged, full.is_hedged(), "{text:?}");
                    claims += 1;
                }
                None => assert!(!full.is_claim, "{text:?}"),
            }
        }
    }
    assert!(claims > 50, "{claims}");
}
