//! The headless command line: `analyze`, `split`, `score`, `export`, `new-workspace`,
//! `install-desktop`, over the same core as the app.
//!
//! [`Cli`] is the clap definition; [`run`] executes a subcommand and returns the exit code
//! (0 success, 1 failure with one line on stderr, 2 usage error from clap).
//! Without a subcommand, `main` opens the window instead.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::analysis::{OpenOptions, Progress, Source, Study, claim_id, open_study};
use crate::core::claims;
use crate::core::contract::{AnalyzeOutput, ClaimOut};
use crate::core::report::{ReportFormat, ReportOptions, render_report, report_title_for};
use crate::core::sentences::split_sentence_texts;

/// Lectern: study a folder of documents — sections, claims, notes.
#[derive(Debug, Parser)]
// A subcommand name is recognised only before the first path (`lectern a.txt analyze` opens
// two files), so paths and subcommands never mix; `args_conflicts_with_subcommands` is not
// used because it also refuses a global option before the subcommand (`lectern -v analyze`).
#[command(name = "lectern", version, about)]
pub struct Cli {
    /// Files or folders to open in the window, or one saved study (.lectern.ron); none: the
    /// sample study.
    pub paths: Vec<PathBuf>,
    /// Print the log on stderr (the window also writes it to a file; see the README).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// What to do instead of opening the window.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Load documents and print their sections, sentences, claims and relations.
    Analyze {
        /// Files or folders (none: the sample study).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
        format: AnalyzeFormat,
        /// Skip files larger than this many megabytes.
        #[arg(long, default_value_t = 50)]
        max_file_mb: u64,
        /// Analyse the documents of this saved study and print the person's verdicts, notes and
        /// tags on each claim, plus the items that need review.
        #[arg(long, conflicts_with = "paths")]
        workspace: Option<PathBuf>,
        /// With --workspace: also read documents outside the workspace's folder.
        #[arg(long, requires = "workspace")]
        allow_outside: bool,
    },
    /// Create a study (a .lectern.ron workspace) of these documents, without the window.
    NewWorkspace {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The workspace file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a report of a saved study: documents, claims with verdicts and notes, related
    /// claims across documents, the notebook.
    Export {
        /// The saved study (.lectern.ron).
        workspace: PathBuf,
        /// Report format (default: from the output file's extension).
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// The file to write; `-` or none: stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also read documents outside the workspace's folder.
        #[arg(long)]
        allow_outside: bool,
        /// The report's title (default: the workspace's file name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Register Lectern with the desktop for this user (Linux): launcher, icon, and opening
    /// .lectern.ron files and folders with it.
    InstallDesktop {
        /// Install under this folder instead of $XDG_DATA_HOME (~/.local/share).
        #[arg(long)]
        data_home: Option<PathBuf>,
    },
    /// Remove what install-desktop wrote.
    UninstallDesktop {
        /// The folder install-desktop wrote into.
        #[arg(long)]
        data_home: Option<PathBuf>,
    },
    /// Split text from stdin into sentences.
    Split {
        /// Output format.
        #[arg(long, value_enum, default_value_t = SplitFormat::Lines)]
        format: SplitFormat,
    },
    /// Score sentences from stdin (one per line) for check-worthiness; prints JSON lines.
    Score,
}

/// Output formats of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// The JSON contract.
    Json,
    /// A readable outline.
    Text,
    /// Counts and the time of each stage.
    Stats,
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown.
    #[value(alias = "markdown")]
    Md,
    /// Self-contained, printable HTML.
    #[value(alias = "htm")]
    Html,
    /// One row per claim, for spreadsheets.
    Csv,
}

impl ExportFormat {
    /// The report format it stands for.
    pub fn report_format(self) -> ReportFormat {
        match self {
            Self::Md => ReportFormat::Markdown,
            Self::Html => ReportFormat::Html,
            Self::Csv => ReportFormat::Csv,
        }
    }
}

/// Output formats of `split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitFormat {
    /// One sentence per line.
    Lines,
    /// A JSON array of strings.
    Json,
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: CliCommand) -> i32 {
    let result = match command {
        CliCommand::Analyze {
            workspace: Some(file),
            format,
            allow_outside,
            ..
        } => analyze_workspace(&file, format, allow_outside),
        CliCommand::Analyze {
            paths,
            format,
            max_file_mb,
            ..
        } => analyze(paths, format, max_file_mb),
        CliCommand::NewWorkspace { paths, output } => new_workspace(paths, &output),
        CliCommand::Export {
            workspace,
            format,
            output,
            allow_outside,
            title,
        } => export(&workspace, format, output.as_deref(), allow_outside, title),
        CliCommand::InstallDesktop { data_home } => install_desktop(data_home),
        CliCommand::UninstallDesktop { data_home } => uninstall_desktop(data_home),
        CliCommand::Split { format } => split(format),
        CliCommand::Score => score(),
    };
    match result {
        Ok(()) => 0,
        Err(CliError::Io(err)) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => {
            eprintln!("lectern: {err}");
            1
        }
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A path given on the command line does not exist.
    #[error("no such file or directory: {0}")]
    MissingPath(PathBuf),
    /// Reading stdin or writing stdout failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// JSON output failed.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// Interrupted.
    #[error("cancelled")]
    Cancelled,
    /// A file could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// `export` without `--format` and an output name that does not say the format.
    #[error("say --format md, html or csv (the output name {0} does not say which)")]
    UnknownExportFormat(String),
    /// Installing or removing the desktop files failed.
    #[error(transparent)]
    Desktop(#[from] crate::desktop::DesktopError),
    /// A workspace file could not be read or written.
    #[error("{path}: {source}")]
    Workspace {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: crate::core::workspace::WorkspaceError,
    },
}

/// Checks that every path exists before anything is read.
pub fn check_paths(paths: &[PathBuf]) -> Result<(), CliError> {
    match paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        Some(missing) => Err(CliError::MissingPath(missing.clone())),
        None => Ok(()),
    }
}

fn analyze(paths: Vec<PathBuf>, format: AnalyzeFormat, max_file_mb: u64) -> Result<(), CliError> {
    check_paths(&paths)?;
    let source = if paths.is_empty() {
        Source::Seeds
    } else {
        Source::Paths(paths)
    };
    let options = OpenOptions {
        max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
    };
    let started = std::time::Instant::now();
    let study = open_study(
        &source,
        options,
        &Progress::default(),
        &AtomicBool::new(false),
    )
    .map_err(|_| CliError::Cancelled)?;
    let total = started.elapsed();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        AnalyzeFormat::Json => {
            serde_json::to_writer(&mut out, &AnalyzeOutput::from_study(&study))?;
            writeln!(out)?;
        }
        AnalyzeFormat::Text => write_outline(&mut out, &study)?,
        AnalyzeFormat::Stats => write_stats(&mut out, &study, total)?,
    }
    out.flush()?;
    Ok(())
}

/// The readable outline of `analyze --format text`.
pub fn write_outline(out: &mut impl Write, study: &Study) -> std::io::Result<()> {
    for d in &study.documents {
        let doc = &d.document;
        writeln!(out, "{}", doc.title)?;
        writeln!(
            out,
            "  {} ({}, {}) — {} sections, {} claims",
            doc.path,
            doc.format.as_str(),
            doc.encoding,
            doc.sections.len(),
            d.claim_count()
        )?;
        if let Some(error) = &d.error {
            writeln!(out, "  ! {error}")?;
        }
        for (section, analysis) in doc.sections.iter().zip(&d.sections) {
            let indent = "  ".repeat(usize::from(section.level.max(1)));
            writeln!(
                out,
                "{indent}§ {} — {} sentences, {} claims",
                section.display_title(),
                analysis.sentences.len(),
                analysis.claim_count()
            )?;
        }
        if !doc.references.is_empty() {
            writeln!(out, "  References: {}", doc.references.len())?;
        }
        writeln!(out)?;
    }
    if !study.relations.is_empty() {
        writeln!(
            out,
            "{} related claim pairs across documents",
            study.relations.len()
        )?;
    }
    if !study.skipped.is_empty() {
        writeln!(out, "Skipped {} file(s):", study.skipped.len())?;
        for s in &study.skipped {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

fn write_stats(
    out: &mut impl Write,
    study: &Study,
    total: std::time::Duration,
) -> std::io::Result<()> {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let mb = study.bytes_read as f64 / (1024.0 * 1024.0);
    writeln!(out, "documents   {}", study.documents.len())?;
    writeln!(out, "skipped     {}", study.skipped.len())?;
    writeln!(out, "sections    {}", study.section_count())?;
    writeln!(out, "sentences   {}", study.sentence_count())?;
    writeln!(out, "claims      {}", study.claim_count())?;
    writeln!(out, "relations   {}", study.relations.len())?;
    writeln!(out, "bytes read  {} ({mb:.1} MB of text)", study.bytes_read)?;
    writeln!(out, "discover    {:.1} ms", ms(study.times.discover))?;
    writeln!(out, "load        {:.1} ms", ms(study.times.load))?;
    writeln!(out, "analyse     {:.1} ms", ms(study.times.analyse))?;
    writeln!(out, "relate      {:.1} ms", ms(study.times.relate))?;
    writeln!(
        out,
        "total       {:.1} ms ({:.1} MB/s)",
        ms(total),
        mb / total.as_secs_f64().max(1e-9)
    )?;
    Ok(())
}

fn split(format: SplitFormat) -> Result<(), CliError> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let input = crate::core::decode::normalise_text(&input);
    let sentences = split_sentence_texts(&input);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        SplitFormat::Lines => {
            for s in sentences {
                // One sentence per line: inner line breaks become spaces.
                writeln!(
                    out,
                    "{}",
                    s.split_whitespace().collect::<Vec<_>>().join(" ")
                )?;
            }
        }
        SplitFormat::Json => {
            serde_json::to_writer(&mut out, &sentences)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

#[derive(serde::Serialize)]
struct ScoreLine<'a> {
    text: &'a str,
    claim: Option<ClaimOut>,
}

fn score() -> Result<(), CliError> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let text = line.trim_end_matches('\r');
        let assessment = claims::assess(text);
        let claim = assessment
            .is_claim
            .then(|| ClaimOut::from_assessment(claim_id("stdin", text).into(), &assessment));
        serde_json::to_writer(&mut out, &ScoreLine { text, claim })?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

/// A saved study, its documents analysed and the person's data put back on them.
struct OpenedWorkspace {
    study: Study,
    workspace: crate::core::workspace::Workspace,
    report: crate::core::workspace::ReanchorReport,
}

/// Opens a workspace file and its documents (those outside its folder only with
/// `allow_outside`), then re-anchors the person's data on them.
fn open_workspace_study(
    file: &std::path::Path,
    allow_outside: bool,
) -> Result<OpenedWorkspace, CliError> {
    use crate::core::analysis::listed_documents;
    let workspace_error = |source| CliError::Workspace {
        path: file.to_owned(),
        source,
    };
    let mut workspace = crate::core::workspace::open_workspace(file).map_err(workspace_error)?;
    let folder = file
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let (mut listed, outside) = listed_documents(&workspace, &folder);
    if allow_outside {
        listed.extend(outside);
    } else if !outside.is_empty() {
        eprintln!(
            "lectern: not reading {} document(s) outside the workspace's folder (use --allow-outside); their data is kept",
            outside.len()
        );
    }
    let study = open_study(
        &Source::Listed(listed),
        OpenOptions::default(),
        &Progress::default(),
        &AtomicBool::new(false),
    )
    .map_err(|_| CliError::Cancelled)?;
    let report = study.attach(&mut workspace);
    Ok(OpenedWorkspace {
        study,
        workspace,
        report,
    })
}

fn analyze_workspace(
    file: &std::path::Path,
    format: AnalyzeFormat,
    allow_outside: bool,
) -> Result<(), CliError> {
    let OpenedWorkspace {
        study,
        workspace,
        report,
    } = open_workspace_study(file, allow_outside)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        AnalyzeFormat::Json => {
            serde_json::to_writer(
                &mut out,
                &AnalyzeOutput::with_workspace(&study, &workspace, &report.orphans),
            )?;
            writeln!(out)?;
        }
        AnalyzeFormat::Text | AnalyzeFormat::Stats => {
            write_outline(&mut out, &study)?;
            writeln!(out, "{} item(s) need review", report.orphans.len())?;
            for orphan in &report.orphans {
                writeln!(out, "  “{}” — {}", orphan.quote, orphan.reason.describe())?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn export(
    file: &std::path::Path,
    format: Option<ExportFormat>,
    output: Option<&std::path::Path>,
    allow_outside: bool,
    title: Option<String>,
) -> Result<(), CliError> {
    let to_stdout = output.is_none_or(|o| o.as_os_str() == "-");
    let format = match format {
        Some(format) => format.report_format(),
        None => output
            .filter(|_| !to_stdout)
            .and_then(|o| o.extension())
            .and_then(|e| ReportFormat::from_extension(&e.to_string_lossy()))
            .ok_or_else(|| {
                CliError::UnknownExportFormat(
                    output.map_or_else(|| "-".to_owned(), |o| o.display().to_string()),
                )
            })?,
    };
    let opened = open_workspace_study(file, allow_outside)?;
    let options = ReportOptions {
        title: title.unwrap_or_else(|| report_title_for(file)),
        generated: None,
    };
    let text = render_report(
        &opened.study,
        &opened.workspace,
        &opened.report.orphans,
        &options,
        format,
    );
    match output {
        Some(path) if !to_stdout => {
            std::fs::write(path, &text).map_err(|source| CliError::Write {
                path: path.to_owned(),
                source,
            })?;
            log::info!("wrote the report {}", path.display());
        }
        _ => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

fn desktop_data_home(data_home: Option<PathBuf>) -> Result<PathBuf, CliError> {
    if data_home.is_none() && !crate::desktop::is_supported_platform() {
        return Err(crate::desktop::DesktopError::Unsupported.into());
    }
    data_home
        .or_else(crate::desktop::default_data_home)
        .ok_or(CliError::Desktop(crate::desktop::DesktopError::NoDataHome))
}

fn install_desktop(data_home: Option<PathBuf>) -> Result<(), CliError> {
    let data_home = desktop_data_home(data_home)?;
    let exe = std::env::current_exe()?;
    let report = crate::desktop::install(&data_home, &exe, true)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Installed Lectern ({}) for this user under {}:",
        exe.display(),
        data_home.display()
    )?;
    write_desktop_report(&mut out, &report)
}

fn uninstall_desktop(data_home: Option<PathBuf>) -> Result<(), CliError> {
    let data_home = desktop_data_home(data_home)?;
    let report = crate::desktop::uninstall(&data_home, true)?;
    let mut out = std::io::stdout().lock();
    if report.files.is_empty() {
        writeln!(out, "Nothing to remove under {}.", data_home.display())?;
    } else {
        writeln!(out, "Removed from {}:", data_home.display())?;
    }
    write_desktop_report(&mut out, &report)
}

fn write_desktop_report(
    out: &mut impl Write,
    report: &crate::desktop::DesktopReport,
) -> Result<(), CliError> {
    use crate::desktop::UpdaterOutcome;
    for file in &report.files {
        writeln!(out, "  {}", file.display())?;
    }
    writeln!(out, "Desktop caches:")?;
    for (program, outcome) in &report.updaters {
        match outcome {
            UpdaterOutcome::Ran => writeln!(out, "  {program}: updated")?,
            UpdaterOutcome::Failed(why) => writeln!(out, "  {program}: failed ({why})")?,
            UpdaterOutcome::Missing => writeln!(out, "  {program}: not installed, skipped")?,
        }
    }
    Ok(())
}

fn new_workspace(paths: Vec<PathBuf>, output: &std::path::Path) -> Result<(), CliError> {
    check_paths(&paths)?;
    let study = open_study(
        &Source::Paths(paths),
        OpenOptions::default(),
        &Progress::default(),
        &AtomicBool::new(false),
    )
    .map_err(|_| CliError::Cancelled)?;
    let workspace = study.new_workspace();
    crate::core::workspace::save_atomic(output, &workspace).map_err(|source| {
        CliError::Workspace {
            path: output.to_owned(),
            source,
        }
    })?;
    eprintln!(
        "lectern: wrote {} ({} documents, {} skipped)",
        output.display(),
        study.documents.len(),
        study.skipped.len()
    );
    Ok(())
}
