//! Desktop integration for Linux and other XDG desktops: `lectern install-desktop` and
//! `lectern uninstall-desktop`, for the current user.
//!
//! [`install`] writes under a data-home folder ([`default_data_home`]: `$XDG_DATA_HOME`, else
//! `~/.local/share`) the files [`installed_files`] lists: the launcher
//! `applications/lectern.desktop` ([`desktop_entry`]: opens workspace files and folders), the
//! icon in the hicolor theme's sizes plus SVG, and the shared-mime-info type
//! [`WORKSPACE_MIME_TYPE`] for `*.lectern.ron` ([`MIME_XML`]). It then runs the desktop's cache
//! updaters that are installed ([`UPDATERS`]); a missing one is reported, not an error.
//! [`uninstall`] removes exactly those files and runs the updaters again. The data-home folder
//! is a parameter, so tests install into a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The application id: the .desktop file's name, the icon's name and the window's app id
/// (`StartupWMClass`), so that the desktop matches the running window to its launcher.
pub const APP_ID: &str = "lectern";
/// The MIME type of Lectern workspace files.
pub const WORKSPACE_MIME_TYPE: &str = "application/x-lectern-workspace";
/// The glob of workspace files.
pub const WORKSPACE_GLOB: &str = "*.lectern.ron";
/// Square icon sizes installed into the hicolor theme, in pixels.
pub const ICON_SIZES_PX: [u32; 7] = [16, 32, 48, 64, 128, 256, 512];

/// The icon as SVG (the source of every PNG).
pub const ICON_SVG: &[u8] = include_bytes!("../assets/lectern.svg");
/// The 256 px PNG icon: for the window icon.
pub const ICON_PNG_256: &[u8] = include_bytes!("../assets/icons/lectern-256.png");

const ICON_PNGS: [(u32, &[u8]); 7] = [
    (16, include_bytes!("../assets/icons/lectern-16.png")),
    (32, include_bytes!("../assets/icons/lectern-32.png")),
    (48, include_bytes!("../assets/icons/lectern-48.png")),
    (64, include_bytes!("../assets/icons/lectern-64.png")),
    (128, include_bytes!("../assets/icons/lectern-128.png")),
    (256, ICON_PNG_256),
    (512, include_bytes!("../assets/icons/lectern-512.png")),
];

/// The shared-mime-info package that makes `*.lectern.ron` a Lectern workspace.
pub const MIME_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-lectern-workspace">
    <comment>Lectern workspace</comment>
    <sub-class-of type="text/plain"/>
    <icon name="lectern"/>
    <glob pattern="*.lectern.ron" weight="60"/>
  </mime-type>
</mime-info>
"#;

/// The cache updaters run after installing and uninstalling, each with its arguments
/// relative to the data-home folder (`{}`).
pub const UPDATERS: [(&str, &[&str]); 4] = [
    ("update-desktop-database", &["{}/applications"]),
    ("update-mime-database", &["{}/mime"]),
    // -t: a user's hicolor folder usually has no index.theme; -f: rebuild anyway.
    ("gtk-update-icon-cache", &["-f", "-t", "{}/icons/hicolor"]),
    ("xdg-icon-resource", &["forceupdate", "--mode", "user"]),
];

/// Why installing or uninstalling failed.
#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    /// No data-home folder: neither `$XDG_DATA_HOME` nor a home folder.
    #[error("no data folder: set XDG_DATA_HOME or HOME")]
    NoDataHome,
    /// Not a desktop that reads XDG launchers.
    #[error(
        "install-desktop is for Linux and other XDG desktops; on Windows and macOS see the README's \"Install on the desktop\""
    )]
    Unsupported,
    /// The executable's path cannot be written into a launcher.
    #[error("the program's path {0} cannot be used in a launcher (not UTF-8, or a line break)")]
    UnusablePath(PathBuf),
    /// A file could not be written or removed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// How one cache updater went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdaterOutcome {
    /// It ran and succeeded.
    Ran,
    /// It ran and failed (its first line of error output).
    Failed(String),
    /// Not installed: skipped.
    Missing,
}

/// What [`install`] or [`uninstall`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DesktopReport {
    /// Files written (install) or removed (uninstall), relative to the data-home folder.
    pub files: Vec<PathBuf>,
    /// Each updater by name, with how it went; empty when they were not asked for.
    pub updaters: Vec<(String, UpdaterOutcome)>,
}

/// The data-home folder: `$XDG_DATA_HOME` when set to an absolute path, else `~/.local/share`.
pub fn default_data_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.data_dir().to_path_buf())
}

/// True on desktops that read XDG launchers (Linux, the BSDs), not on Windows or macOS.
pub fn is_supported_platform() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
}

/// Every file [`install`] writes, relative to the data-home folder, sorted.
pub fn installed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = installed_contents("")
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    files.sort();
    files
}

/// The files install writes with their contents (the launcher's depends on the executable).
fn installed_contents(desktop_entry: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = vec![
        (
            PathBuf::from(format!("applications/{APP_ID}.desktop")),
            desktop_entry.as_bytes().to_vec(),
        ),
        (
            PathBuf::from(format!("mime/packages/{APP_ID}.xml")),
            MIME_XML.as_bytes().to_vec(),
        ),
        (
            PathBuf::from(format!("icons/hicolor/scalable/apps/{APP_ID}.svg")),
            ICON_SVG.to_vec(),
        ),
    ];
    for (size, png) in ICON_PNGS {
        files.push((
            PathBuf::from(format!("icons/hicolor/{size}x{size}/apps/{APP_ID}.png")),
            png.to_vec(),
        ));
    }
    files
}

/// The launcher for `exe`: opens folders and workspace files dropped on it or opened with it.
pub fn desktop_entry(exe: &Path) -> Result<String, DesktopError> {
    let unusable = || DesktopError::UnusablePath(exe.to_path_buf());
    let path = exe.to_str().ok_or_else(unusable)?;
    if path.contains(['\n', '\r']) {
        return Err(unusable());
    }
    let exec = exec_argument(path);
    // TryExec is a plain string: only the backslash needs escaping.
    let try_exec = path.replace('\\', "\\\\");
    Ok(format!(
        "[Desktop Entry]
Type=Application
Version=1.4
Name=Lectern
GenericName=Study App
Comment=Read a folder of documents by section, judge their claims, keep notes
Exec={exec} %F
TryExec={try_exec}
Icon={APP_ID}
Terminal=false
StartupNotify=true
StartupWMClass={APP_ID}
Categories=Office;Education;
MimeType={WORKSPACE_MIME_TYPE};inode/directory;
Keywords=study;claims;notes;sources;fact-check;research;
"
    ))
}

/// An Exec argument as the Desktop Entry spec wants it: quoted when it holds a reserved
/// character, `%` doubled, and backslashes escaped once for the quoting and once for the
/// string value.
fn exec_argument(path: &str) -> String {
    const RESERVED: &[char] = &[
        ' ', '\t', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')',
        '`', '=',
    ];
    let path = path.replace('%', "%%");
    if !path.contains(RESERVED) {
        return path;
    }
    let mut quoted = String::from("\"");
    for c in path.chars() {
        match c {
            // Escaped for the quoting (\\) and then each backslash again for the string (\\\\).
            '\\' => quoted.push_str("\\\\\\\\"),
            '"' | '`' | '$' => {
                quoted.push_str("\\\\");
                quoted.push(c);
            }
            _ => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Installs the launcher, icons and MIME type for `exe` under `data_home`; runs the cache
/// updaters when `run_updaters`.
pub fn install(
    data_home: &Path,
    exe: &Path,
    run_updaters: bool,
) -> Result<DesktopReport, DesktopError> {
    let entry = desktop_entry(exe)?;
    let mut report = DesktopReport::default();
    for (relative, contents) in installed_contents(&entry) {
        let path = data_home.join(&relative);
        let io_error = |source| DesktopError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        std::fs::write(&path, contents).map_err(io_error)?;
        report.files.push(relative);
    }
    report.files.sort();
    log::info!(
        "installed the desktop launcher for {} under {}",
        exe.display(),
        data_home.display()
    );
    if run_updaters {
        report.updaters = run_cache_updaters(data_home);
    }
    Ok(report)
}

/// Removes exactly the files [`install`] writes (folders stay: other programs share them);
/// runs the cache updaters when `run_updaters`.
pub fn uninstall(data_home: &Path, run_updaters: bool) -> Result<DesktopReport, DesktopError> {
    let mut report = DesktopReport::default();
    for relative in installed_files() {
        let path = data_home.join(&relative);
        match std::fs::remove_file(&path) {
            Ok(()) => report.files.push(relative),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(DesktopError::Io { path, source }),
        }
    }
    log::info!(
        "removed {} desktop file(s) from {}",
        report.files.len(),
        data_home.display()
    );
    if run_updaters {
        report.updaters = run_cache_updaters(data_home);
    }
    Ok(report)
}

/// Runs each updater in [`UPDATERS`] that is installed, with `XDG_DATA_HOME` set to
/// `data_home` so that none of them looks elsewhere.
pub fn run_cache_updaters(data_home: &Path) -> Vec<(String, UpdaterOutcome)> {
    let home = data_home.to_string_lossy();
    UPDATERS
        .iter()
        .map(|(program, args)| {
            let args: Vec<String> = args.iter().map(|a| a.replace("{}", &home)).collect();
            let outcome = match Command::new(program)
                .args(&args)
                .env("XDG_DATA_HOME", data_home)
                .output()
            {
                Ok(output) if output.status.success() => UpdaterOutcome::Ran,
                Ok(output) => {
                    let stderr = String::from_utf8_lossy(&output.stderr);
                    let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    UpdaterOutcome::Failed(format!("{}: {}", output.status, first.trim()))
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => UpdaterOutcome::Missing,
                Err(err) => UpdaterOutcome::Failed(err.to_string()),
            };
            if let UpdaterOutcome::Failed(why) = &outcome {
                log::warn!("{program} failed: {why}");
            }
            ((*program).to_owned(), outcome)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_quotes_only_paths_that_need_it() {
        assert_eq!(
            exec_argument("/home/a/.cargo/bin/lectern"),
            "/home/a/.cargo/bin/lectern"
        );
        assert_eq!(
            exec_argument("/opt/My Apps/lectern"),
            "\"/opt/My Apps/lectern\""
        );
        assert_eq!(exec_argument("/opt/100%/lectern"), "/opt/100%%/lectern");
        assert_eq!(
            exec_argument("/opt/a$b/lectern"),
            "\"/opt/a\\\\$b/lectern\""
        );
    }

    #[test]
    fn a_path_with_a_line_break_is_refused() {
        assert!(matches!(
            desktop_entry(Path::new("/tmp/a\nb/lectern")),
            Err(DesktopError::UnusablePath(_))
        ));
    }

    #[test]
    fn every_icon_size_has_its_png() {
        let sizes: Vec<u32> = ICON_PNGS.iter().map(|(s, _)| *s).collect();
        assert_eq!(sizes, ICON_SIZES_PX);
        for (size, png) in ICON_PNGS {
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{size}");
            let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
            let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
            assert_eq!((width, height), (size, size));
        }
    }
}
