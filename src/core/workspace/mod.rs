//! The person's study, saved: workspace model, files, and re-anchoring onto edited documents.
//!
//! - [`Workspace`] (in `model`) holds only what the person made: [`ClaimRecord`]s (verdicts,
//!   own claims, dismissals, tags, notes) with their [`Anchor`]s, [`SectionNote`]s, document
//!   notes, the notebook and [`ViewState`]. Derived data (sections, detected claims,
//!   relations) is never stored. The editing API ([`EditError`]) is in `edit`.
//! - `anchor`: [`build_anchor`] and [`reanchor`] / [`Reanchorer`], which find an anchor again
//!   after the document changed (exact span, exact quote, fuzzy quote, else orphan).
//! - `reanchor`: [`reanchor_workspace`] re-anchors everything against the loaded documents and
//!   reports per document ([`ReanchorReport`]); missing documents keep all their data.
//! - `store`: [`open_workspace`], [`save_atomic`] (temp file, fsync, rename, `.bak1`–`.bak3`),
//!   recovery files, "save for sharing"; typed [`WorkspaceError`]s; [`FileStamp`]s and
//!   [`save_atomic_checked`], which refuses to overwrite a file another program changed.
//! - `paths`: relative document paths, [`resolve_document_paths`] (flags paths needing the
//!   person's consent), [`extract_embedded`].
//! - `migrate`: the version 0 layout and its migration.
//! - `bench`: [`reanchor_benchmark`], the measured re-anchoring accuracy under random edits.

mod anchor;
mod bench;
mod edit;
mod migrate;
mod model;
mod paths;
mod reanchor;
mod store;

pub use anchor::{
    AnchorError, AnchorResult, CONTEXT_CHARS, MAX_QUOTE_BYTES, REATTACH_THRESHOLD, Reanchorer,
    SectionOutline, Stage, build_anchor, reanchor, section_path_at, section_paths, section_scope,
};
pub use bench::{ReanchorStats, SAMPLE_TEXT, reanchor_benchmark, reanchor_benchmark_on};
pub use edit::EditError;
pub use migrate::{DocumentV0, WorkspaceV0, migrate_v0};
pub use model::{
    Anchor, CURRENT_VERSION, ClaimOrigin, ClaimRecord, DocumentEntry, FilterScope, ItemId,
    SectionNote, SidebarFilters, Theme, Verdict, ViewState, Workspace,
};
pub use paths::{
    ExtractedDocument, PathLocation, ResolvedDocumentPath, classify_stored_path, extract_embedded,
    relative_document_path, resolve_document_paths, sanitized_relative_path,
};
pub use reanchor::{
    DetectedClaimRef, DocumentInput, DocumentReport, DocumentStatus, ItemOutcome, Orphan,
    OrphanReason, OrphanTarget, ReanchorReport, SectionNoteMove, reanchor_workspace,
};
pub use store::{
    FileStamp, SaveStep, WorkspaceError, backup_path, check_limits, open_workspace,
    open_workspace_stamped, parse_workspace, read_recovery, save_atomic, save_atomic_checked,
    save_atomic_with, save_checked_with, save_for_sharing, workspace_to_ron, write_recovery,
};

/// File name ending of workspace files.
pub const WORKSPACE_EXTENSION: &str = ".lectern.ron";
/// Workspace files larger than this are refused before they are read.
pub const MAX_WORKSPACE_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest nesting the RON parser accepts (a workspace needs about 6).
pub const MAX_NESTING_DEPTH: usize = 64;
/// Longest note on a claim, section or document.
pub const MAX_NOTE_BYTES: usize = 1024 * 1024;
/// Longest workspace notebook.
pub const MAX_NOTEBOOK_BYTES: usize = 16 * 1024 * 1024;
/// Longest tag.
pub const MAX_TAG_BYTES: usize = 256;
/// Longest stored prefix or suffix context (32 characters of up to 4 bytes, with room).
pub const MAX_CONTEXT_BYTES: usize = 1024;
/// Largest document text embedded by "save for sharing".
pub const MAX_EMBEDDED_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;
/// Largest total of embedded document texts.
pub const MAX_EMBEDDED_TOTAL_BYTES: usize = 200 * 1024 * 1024;
/// Rotating backups kept next to a workspace file (`.bak1` newest).
pub const BACKUP_COUNT: usize = 3;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;

    use super::*;
    use crate::core::document::Span;

    fn any_text(max: usize) -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter),
            "[ a-zé\"'\\\\#\n\r\t“”’😀]{0,40}".prop_map(|s| s),
        ]
    }

    fn any_verdict() -> impl Strategy<Value = Verdict> {
        prop::sample::select(Verdict::ALL.to_vec())
    }

    fn any_anchor() -> impl Strategy<Value = Anchor> {
        (
            "d[0-9a-f]{3}",
            any::<usize>(),
            any::<usize>(),
            prop::collection::vec(any_text(8), 0..3),
            any_text(60),
            any_text(32),
            any_text(32),
        )
            .prop_map(
                |(document_id, a, b, section_path, quote, prefix, suffix)| Anchor {
                    document_id,
                    span: Span::new(a.min(b), a.max(b)),
                    section_path,
                    quote,
                    prefix,
                    suffix,
                },
            )
    }

    fn any_claim() -> impl Strategy<Value = ClaimRecord> {
        (
            prop::option::of("[a-z0-9-]{1,20}"),
            any_anchor(),
            any_verdict(),
            any::<bool>(),
            prop::collection::btree_set(any_text(12), 0..4),
            any_text(200),
        )
            .prop_map(|(claim_id, anchor, verdict, is_dismissed, tags, note)| {
                ClaimRecord {
                    id: ItemId(0),
                    origin: claim_id.map_or(ClaimOrigin::Own, |claim_id| ClaimOrigin::Detected {
                        claim_id,
                    }),
                    anchor,
                    verdict,
                    is_dismissed,
                    tags,
                    note,
                }
            })
    }

    fn any_workspace() -> impl Strategy<Value = Workspace> {
        (
            prop::collection::btree_map(
                "d[0-9a-f]{3}",
                (
                    "[a-z]{1,8}(/[a-z ]{1,8}){0,2}\\.txt",
                    any_text(30),
                    any_text(80),
                ),
                0..4,
            ),
            prop::collection::vec(any_claim(), 0..8),
            prop::collection::btree_map(
                ("d[0-9a-f]{3}", prop::collection::vec(any_text(10), 0..3)),
                any_text(100),
                0..4,
            ),
            any_text(300),
            (
                prop::option::of("d[0-9a-f]{3}"),
                prop::collection::vec(any_text(10), 0..3),
                prop::collection::btree_set("[a-z]{1,10}", 0..3),
                any::<bool>(),
                prop::collection::btree_set(any_verdict(), 0..3),
                any_text(20),
            ),
        )
            .prop_map(|(documents, claims, section_notes, notebook, view)| {
                let mut ws = Workspace::new();
                for (id, (path, title, note)) in documents {
                    ws.upsert_document(&id, &path, "0123abcd", &title);
                    ws.set_document_note(&id, &note).unwrap();
                }
                for (n, mut claim) in claims.into_iter().enumerate() {
                    claim.id = ItemId(n as u64 * 3 + 1);
                    ws.claims.push(claim);
                }
                for ((document_id, section_path), note) in section_notes {
                    ws.section_notes.push(SectionNote {
                        document_id,
                        section_path,
                        note,
                    });
                }
                ws.notebook = notebook;
                let (open_document, section_path, kinds, hedged_only, verdicts, text) = view;
                ws.view = ViewState {
                    open_document,
                    section_path,
                    filters: SidebarFilters {
                        kinds: kinds.into_iter().collect(),
                        hedged_only,
                        verdicts: verdicts.into_iter().collect(),
                        text,
                        scope: FilterScope::OpenDocument,
                    },
                    theme: Theme::Dark,
                };
                ws.normalize();
                ws
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn save_then_open_gives_identical_user_data(ws in any_workspace()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("study.lectern.ron");
            save_atomic(&path, &ws).unwrap();
            let back = open_workspace(&path).unwrap();
            prop_assert!(back.user_data_eq(&ws));
            let mut expected = ws.clone();
            expected.base_dir = Some(dir.path().to_path_buf());
            prop_assert_eq!(&back, &expected);
            // Saving again gives the same bytes: stable order, diff-friendly.
            let first = std::fs::read(&path).unwrap();
            save_atomic(&path, &back).unwrap();
            prop_assert_eq!(first, std::fs::read(&path).unwrap());
        }
    }

    fn manifest_path(relative: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
    }

    /// Sections of a seed text the way a reader sees them: short unpunctuated lines are
    /// headings (the real structure detection lives elsewhere).
    fn seed_sections(text: &str) -> Vec<SectionOutline<'_>> {
        let mut sections = vec![SectionOutline::new("", 1, Span::new(0, 0))];
        let mut offset = 0;
        for line in text.split('\n') {
            let start = offset;
            offset += line.len() + 1;
            let trimmed = line.trim();
            let is_heading = !trimmed.is_empty()
                && trimmed.chars().count() < 60
                && !trimmed.ends_with(['.', '”', '"', '?', '!'])
                && start > 0;
            if is_heading {
                if let Some(last) = sections.last_mut() {
                    last.body.end = start.max(last.body.start);
                }
                sections.push(SectionOutline::new(
                    trimmed,
                    2,
                    Span::new(offset.min(text.len()), offset.min(text.len())),
                ));
            }
        }
        if let Some(last) = sections.last_mut() {
            last.body.end = text.len().max(last.body.start);
        }
        sections
    }

    /// Lectern splits a long document without headings into "Part 1", "Part 2"; the
    /// relations seed is one, split where the loader splits it.
    fn relations_sections(text: &str) -> Vec<SectionOutline<'_>> {
        let part_1 = text.find("As a founding member").unwrap();
        let part_2 = text.find("In terms of economy").unwrap();
        vec![
            SectionOutline::new("Part 1", 2, Span::new(part_1, part_2)),
            SectionOutline::new("Part 2", 2, Span::new(part_2, text.len())),
        ]
    }

    fn seed(name: &str) -> String {
        std::fs::read_to_string(manifest_path("seeds").join(name)).unwrap()
    }

    const DOC_RUSSIA: &str = "d64a19428cd4e";
    const DOC_RELATIONS: &str = "dd479b0ec4f09";

    #[test]
    fn v1_fixture_opens_and_reattaches_to_the_seed_files() {
        let path = manifest_path("tests/fixtures/workspaces/v1.lectern.ron");
        let ws = open_workspace(&path).unwrap();
        assert_eq!(ws.documents.len(), 2);
        assert!(ws.claims.len() >= 4);
        assert!(ws.claims.iter().any(|c| c.verdict == Verdict::Disputed));
        assert!(ws.claims.iter().any(|c| c.origin == ClaimOrigin::Own));
        assert!(!ws.notebook.is_empty());
        // The fixture points at ../../../seeds: outside its folder, so consent is needed.
        let resolved = resolve_document_paths(&ws, path.parent().unwrap());
        assert!(
            resolved
                .iter()
                .all(|r| r.location == PathLocation::EscapesFolder)
        );
        assert!(
            resolved.iter().all(|r| r.absolute_path.exists()),
            "{resolved:?}"
        );

        // With consent: read the raw seed files (their text differs slightly from the
        // normalised text the anchors were made on, so items move but all are found).
        let russia = std::fs::read_to_string(&resolved[0].absolute_path).unwrap();
        let relations = std::fs::read_to_string(&resolved[1].absolute_path).unwrap();
        let inputs = [
            DocumentInput::new(DOC_RUSSIA, "changed", &russia, seed_sections(&russia)),
            DocumentInput::new(
                DOC_RELATIONS,
                "changed",
                &relations,
                relations_sections(&relations),
            ),
        ];
        let report = reanchor_workspace(&ws, &inputs);
        assert!(report.orphans.is_empty(), "{:?}", report.orphans);
        for outcome in &report.outcomes {
            let claim = ws.claim(outcome.item).unwrap();
            let text = if outcome.document_id == DOC_RUSSIA {
                &russia
            } else {
                &relations
            };
            assert_eq!(outcome.result.span.unwrap().slice(text), claim.anchor.quote);
        }
        let doc = report.document(DOC_RUSSIA).unwrap();
        assert_eq!(doc.status, DocumentStatus::Changed);
        assert!(doc.moved > 0);
        let mut applied = ws.clone();
        applied.apply_reanchor(&report, &inputs);
        assert!(
            applied
                .claims
                .iter()
                .zip(&ws.claims)
                .all(|(a, b)| a.verdict == b.verdict && a.note == b.note && a.tags == b.tags)
        );
    }

    #[test]
    fn v0_fixture_migrates_and_places_items_by_claim_id() {
        let path = manifest_path("tests/fixtures/workspaces/v0.lectern.ron");
        let ws = open_workspace(&path).unwrap();
        assert_eq!(ws.version, CURRENT_VERSION);
        assert_eq!(ws.documents.len(), 2);
        let supported = ws.find_detected("d64a19428cd4e-7e370f4d16").unwrap();
        assert_eq!(ws.claim(supported).unwrap().verdict, Verdict::Supported);
        assert!(ws.claims.iter().all(|c| c.anchor.quote.is_empty()));
        let noted = ws.find_detected("dd479b0ec4f09-c50af993eb").unwrap();
        assert!(!ws.claim(noted).unwrap().note.is_empty());

        // The analysis of today still detects two of the claims (found by their sentence);
        // the third id is no longer detected and becomes an orphan, with its data kept.
        let russia = seed("does-north-korea-side-with-russia.txt");
        let relations = seed("north-korea-and-russian-relations.txt");
        let span_of = |text: &str, sentence: &str| {
            let start = text.find(sentence).unwrap();
            Span::new(start, start + sentence.len())
        };
        let mut russia_input = DocumentInput::new(DOC_RUSSIA, "x", &russia, seed_sections(&russia));
        russia_input.detected_claims.push(DetectedClaimRef {
            id: "d64a19428cd4e-7e370f4d16",
            span: span_of(&russia, "In 2020, North Korea’s exports to Russia accounted for around 10% of its total exports."),
        });
        let mut relations_input = DocumentInput::new(
            DOC_RELATIONS,
            "x",
            &relations,
            relations_sections(&relations),
        );
        relations_input.detected_claims.push(DetectedClaimRef {
            id: "dd479b0ec4f09-c50af993eb",
            span: span_of(&relations, "In 2018, Chinese imports to North Korea increased to over 71 times greater than those from Russia."),
        });
        let inputs = [russia_input, relations_input];
        let report = reanchor_workspace(&ws, &inputs);
        assert_eq!(
            report.outcome(supported).unwrap().result.stage,
            Stage::DetectedClaimId
        );
        assert_eq!(report.orphans.len(), 1, "{:?}", report.orphans);
        assert_eq!(
            report.orphans[0].reason,
            OrphanReason::MigratedClaimNotFound
        );
        let mut migrated = ws.clone();
        migrated.apply_reanchor(&report, &inputs);
        let placed = migrated.claim(supported).unwrap();
        assert!(
            placed
                .anchor
                .quote
                .starts_with("In 2020, North Korea’s exports")
        );
        assert_eq!(
            placed.anchor.section_path,
            vec!["Bilateral Relations".to_owned()]
        );
        assert_eq!(migrated.claims.len(), ws.claims.len(), "nothing dropped");
    }

    fn two_document_workspace(text: &str) -> (Workspace, Vec<ItemId>) {
        let mut ws = Workspace::new();
        ws.upsert_document("d1", "a.txt", "h1", "A");
        ws.upsert_document("d2", "b.txt", "h2", "B");
        let input = DocumentInput::new("d1", "h1", text, seed_sections(text));
        let mut items = Vec::new();
        for sentence in [
            "Russia has sold various military equipment to North Korea, including missiles, submarines, helicopters and other weapons.",
            "In 2020, North Korea’s exports to Russia accounted for around 10% of its total exports.",
            "Russia has been criticized for providing aid to a country with such poor human rights records.",
        ] {
            let start = text.find(sentence).unwrap();
            let item = ws
                .add_own_claim(&input, Span::new(start, start + sentence.len()))
                .unwrap();
            ws.set_verdict(item, Verdict::NeedsSource).unwrap();
            items.push(item);
        }
        let b = DocumentInput::new("d2", "h2", "Other text. It says things.", Vec::new());
        let other = ws.add_own_claim(&b, Span::new(0, 11)).unwrap();
        ws.set_claim_note(other, "kept while missing").unwrap();
        ws.set_section_note("d1", &["Military Cooperation".to_owned()], "arms")
            .unwrap();
        (ws, items)
    }

    #[test]
    fn workspace_report_counts_stayed_moved_orphaned_and_missing() {
        let text = seed("does-north-korea-side-with-russia.txt");
        let (ws, items) = two_document_workspace(&text);
        let edited = text
            .replacen("Bilateral Relations\n", "Bilateral Relations\n\nA new opening paragraph.\n", 1)
            .replace("accounted for around 10%", "made up about 10%")
            .replace(
                "Russia has been criticized for providing aid to a country with such poor human rights records.",
                "",
            );
        let inputs = [DocumentInput::new(
            "d1",
            "h1-new",
            &edited,
            seed_sections(&edited),
        )];
        let report = reanchor_workspace(&ws, &inputs);
        let d1 = report.document("d1").unwrap();
        assert!(d1.is_hash_changed());
        assert_eq!((d1.stayed, d1.moved, d1.orphaned), (1, 2, 1), "{d1:?}");
        let d2 = report.document("d2").unwrap();
        assert_eq!(d2.status, DocumentStatus::Missing);
        assert_eq!(d2.waiting, 1);
        assert_eq!(report.orphans.len(), 1);
        assert_eq!(report.orphans[0].target, OrphanTarget::Claim(items[2]));
        assert_eq!(report.orphans[0].reason, OrphanReason::TextNotFound);
        assert!(
            report.orphans[0]
                .quote
                .starts_with("Russia has been criticized")
        );
        assert_eq!(
            report.outcome(items[1]).unwrap().result.stage,
            Stage::FuzzySection
        );

        let mut applied = ws.clone();
        applied.apply_reanchor(&report, &inputs);
        assert_eq!(
            applied.claim(items[1]).unwrap().anchor.quote,
            "In 2020, North Korea’s exports to Russia made up about 10% of its total exports."
        );
        // The orphan and the missing document's items are untouched, nothing dropped.
        assert_eq!(applied.claim(items[2]), ws.claim(items[2]));
        assert_eq!(applied.claims.len(), ws.claims.len());
        assert_eq!(applied.document("d1").unwrap().hash, "h1-new");
        assert_eq!(applied.document("d2").unwrap().hash, "h2");
        // Re-anchoring the applied workspace again: everything attached stays put.
        let again = reanchor_workspace(&applied, &inputs);
        let d1 = again.document("d1").unwrap();
        assert_eq!((d1.moved, d1.orphaned), (0, 1));
    }

    #[test]
    fn renamed_section_orphans_its_note_but_keeps_it() {
        let text = seed("does-north-korea-side-with-russia.txt");
        let (ws, _) = two_document_workspace(&text);
        let edited = text.replace("Military Cooperation", "Arms Trade");
        let inputs = [DocumentInput::new(
            "d1",
            "h1",
            &edited,
            seed_sections(&edited),
        )];
        let report = reanchor_workspace(&ws, &inputs);
        assert!(
            report
                .orphans
                .iter()
                .any(|o| o.reason == OrphanReason::SectionNotFound)
        );
        let mut applied = ws.clone();
        applied.apply_reanchor(&report, &inputs);
        assert_eq!(applied.section_notes, ws.section_notes);
        let arms = vec!["Arms Trade".to_owned()];
        assert!(
            applied
                .move_section_note("d1", &["Military Cooperation".to_owned()], &arms)
                .unwrap()
        );
        assert_eq!(applied.section_note("d1", &arms), Some("arms"));
    }

    #[test]
    fn fixtures_of_each_version_exist() {
        let names: BTreeSet<String> = std::fs::read_dir(manifest_path("tests/fixtures/workspaces"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        for name in [
            "v0.lectern.ron",
            "v1.lectern.ron",
            "malformed.lectern.ron",
            "future.lectern.ron",
        ] {
            assert!(names.contains(name), "{name} missing");
        }
    }
}
