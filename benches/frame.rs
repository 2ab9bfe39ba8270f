//! Frame times of the window, headless: the app's UI code plus tessellation on an egui
//! Context, without a GPU (what the person's machine adds for painting is not counted).
//!
//! ```sh
//! cargo bench --bench frame           # a 10 MB document
//! cargo bench --bench frame -- 2      # a 2 MB document
//! LECTERN_BENCH_CORPUS=/tmp/c50 cargo bench --bench frame   # also: frames while it opens
//! ```
//! Frame times are this thread's CPU time (the issue's figure; unaffected by other programs on a
//! busy machine), with the wall-clock worst beside them.
//!
//! Figures (issue #6): start to first frame with the samples; with one 10 MB plain-text
//! document: the first frame, scrolling the whole document top to bottom (one wheel step per
//! frame), and jumping to the last section. Median and worst per phase.

use std::time::{Duration, Instant};

use cpu_time::ThreadTime;
use egui::{Event, Modifiers, RawInput, pos2, vec2};
use lectern::app::dialogs::ScriptedDialogs;
use lectern::app::{Action, Command, LecternApp, View};
use lectern::core::analysis::{Source, open_study_now};

const SCREEN: egui::Vec2 = vec2(1280.0, 800.0);

struct Window {
    ctx: egui::Context,
    time: f64,
}

impl Window {
    fn new() -> Self {
        Self {
            ctx: egui::Context::default(),
            time: 0.0,
        }
    }

    /// One frame with these events; returns the time of UI code + tessellation.
    fn frame(&mut self, app: &mut LecternApp, events: Vec<Event>) -> Frame {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(egui::Rect::from_min_size(pos2(0.0, 0.0), SCREEN)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let cpu_start = ThreadTime::now();
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let frame = Frame {
            cpu: cpu_start.elapsed(),
            wall: start.elapsed(),
        };
        std::hint::black_box(primitives);
        frame
    }
}

/// The time one frame took: CPU time of this thread (the figure: it does not count the time
/// other programs on a busy machine take from us) and wall-clock time.
#[derive(Clone, Copy)]
struct Frame {
    cpu: Duration,
    wall: Duration,
}

fn wheel(points: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(pos2(600.0, 400.0)),
        Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -points),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        },
    ]
}

fn report(name: &str, frames: &[Frame]) {
    let mut walls: Vec<Duration> = frames.iter().map(|f| f.wall).collect();
    walls.sort_unstable();
    let mut times: Vec<Duration> = frames.iter().map(|f| f.cpu).collect();
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let p99 = times
        .get(times.len() * 99 / 100)
        .copied()
        .unwrap_or_default();
    let worst = times.last().copied().unwrap_or_default();
    let over = times.iter().filter(|t| ms(**t) > 8.0).count();
    let wall_worst = walls.last().copied().unwrap_or_default();
    println!(
        "{name:<44} frames {:>5}  CPU: median {:>6.2} ms  p99 {:>6.2} ms  worst {:>6.2} ms  over 8 ms: {over}  (wall worst {:>6.2} ms)",
        times.len(),
        ms(median),
        ms(p99),
        ms(worst),
        ms(wall_worst)
    );
}

/// A plain-text report of about `mb` megabytes: titled sections of the seeds' paragraphs.
fn long_document(mb: usize) -> String {
    let seeds: Vec<&str> = lectern::core::seeds::SEEDS
        .iter()
        .filter_map(|s| std::str::from_utf8(s.bytes).ok())
        .flat_map(|s| s.split("\n\n"))
        .filter(|p| p.len() > 200)
        .collect();
    let mut text = String::from("A Very Long Report\n\n");
    let mut chapter = 0;
    while text.len() < mb * 1_000_000 {
        chapter += 1;
        text.push_str(&format!("Chapter {chapter} of the Report\n\n"));
        for p in seeds.iter().cycle().skip(chapter % seeds.len()).take(40) {
            text.push_str(&p.replace('\n', " "));
            text.push_str("\n\n");
        }
    }
    text
}

fn start_to_first_frame() {
    let start = Instant::now();
    let mut window = Window::new();
    let mut app = LecternApp::new(
        &window.ctx,
        Source::Seeds,
        Box::new(ScriptedDialogs::default()),
    );
    window.frame(&mut app, Vec::new());
    let first = start.elapsed();
    app.wait_for_loading();
    window.frame(&mut app, Vec::new());
    let shown = start.elapsed();
    println!(
        "start to first frame (samples)              {:>6.1} ms; samples on screen after {:.1} ms",
        first.as_secs_f64() * 1000.0,
        shown.as_secs_f64() * 1000.0
    );
}

/// Frames while a big folder opens (`LECTERN_BENCH_CORPUS`, e.g. the 1,000-document corpus
/// of `gen_corpus`): the window keeps drawing at 60 Hz while loading and analysis run on the
/// other threads. Reports how many frames were drawn, their CPU time, and the longest wall-clock
/// gap between the end of one frame and the end of the next.
fn frames_while_opening(folder: &std::path::Path) {
    let mut window = Window::new();
    let mut app = LecternApp::new(
        &window.ctx,
        Source::Paths(vec![folder.to_path_buf()]),
        Box::new(ScriptedDialogs::default()),
    );
    let start = Instant::now();
    let mut frames = Vec::new();
    let mut worst_gap = Duration::ZERO;
    let mut last = Instant::now();
    while app.is_loading() && start.elapsed() < Duration::from_secs(60) {
        frames.push(window.frame(&mut app, Vec::new()));
        worst_gap = worst_gap.max(last.elapsed());
        last = Instant::now();
        // The next frame is due 1/60 s after this one started.
        let due = Duration::from_secs_f64(1.0 / 60.0);
        if let Some(rest) = due.checked_sub(frames.last().map_or(Duration::ZERO, |f| f.wall)) {
            std::thread::sleep(rest);
        }
    }
    let opened = start.elapsed();
    window.frame(&mut app, Vec::new());
    report("while the folder opens", &frames);
    println!(
        "while the folder opens: {} documents ready after {:.2} s; longest gap between frames {:.1} ms",
        app.study().documents.len(),
        opened.as_secs_f64(),
        worst_gap.as_secs_f64() * 1000.0
    );
}

fn main() {
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10);
    start_to_first_frame();
    if let Some(folder) = std::env::var_os("LECTERN_BENCH_CORPUS") {
        frames_while_opening(std::path::Path::new(&folder));
    }

    let dir = std::env::temp_dir().join("lectern-frame-bench");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("long-report.txt");
    let text = long_document(mb);
    if let Err(err) = std::fs::write(&path, &text) {
        eprintln!("cannot write {}: {err}", path.display());
        return;
    }
    let source = Source::Paths(vec![path.clone()]);
    let study_start = Instant::now();
    let study = open_study_now(&source);
    let sections = study.documents[0].document.sections.len();
    println!(
        "document: {:.1} MB, {sections} sections, {} claims (analysed in {:.2} s)",
        text.len() as f64 / 1e6,
        study.claim_count(),
        study_start.elapsed().as_secs_f64()
    );

    for is_whole in [false, true] {
        let mode = if is_whole {
            "whole document"
        } else {
            "one section"
        };
        // The window is already open (fonts loaded, the samples shown) when the person opens
        // the document, as in the app: warm the context with the samples first.
        let mut window = Window::new();
        let mut samples = LecternApp::new(
            &window.ctx,
            Source::Seeds,
            Box::new(ScriptedDialogs::default()),
        );
        samples.wait_for_loading();
        for _ in 0..3 {
            window.frame(&mut samples, Vec::new());
        }
        let mut app = LecternApp::with_study(
            study.clone(),
            source.clone(),
            Box::new(ScriptedDialogs::default()),
        );
        if is_whole {
            app.push(Action::ToggleWholeDocument);
        }
        let first = vec![window.frame(&mut app, Vec::new())];
        report(&format!("{mode}: first frame of the document"), &first);
        // Settle (measured heights, repaint requests), then scroll top to bottom.
        for _ in 0..3 {
            window.frame(&mut app, Vec::new());
        }
        let mut scroll = Vec::new();
        let last = View::Section(sections.saturating_sub(1));
        if is_whole {
            while app.selection().view != last && scroll.len() < 100_000 {
                scroll.push(window.frame(&mut app, wheel(1500.0)));
            }
        } else {
            // One section at a time: scroll through it, then Alt+Down to the next.
            for _ in 0..sections.min(200) {
                for _ in 0..4 {
                    scroll.push(window.frame(&mut app, wheel(1500.0)));
                }
                app.push(Action::NextSection);
                scroll.push(window.frame(&mut app, Vec::new()));
            }
        }
        report(&format!("{mode}: scroll top to bottom"), &scroll);
        let mut jump = Vec::new();
        for target in [0, sections.saturating_sub(1)] {
            app.push(Command::SelectSection {
                doc: 0,
                section: target,
            });
            jump.push(window.frame(&mut app, Vec::new()));
            jump.push(window.frame(&mut app, Vec::new()));
        }
        report(&format!("{mode}: jump to first / last section"), &jump);
        let (blocks, drawn) = app.reader_blocks();
        println!("{mode}: {blocks} blocks, {drawn} laid out in the last frame");
    }
    let _ = std::fs::remove_file(&path);
}
