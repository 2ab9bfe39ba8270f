//! Desktop integration: install and uninstall into a temporary XDG data home write and remove
//! exactly Lectern's files; the launcher passes `desktop-file-validate`; the MIME package is
//! well-formed XML that claims `*.lectern.ron`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use lectern::desktop::{
    MIME_XML, UPDATERS, WORKSPACE_GLOB, WORKSPACE_MIME_TYPE, desktop_entry, install,
    installed_files, uninstall,
};

/// Every file under `root`, relative to it.
fn files_under(root: &Path) -> BTreeSet<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(path.strip_prefix(root).expect("inside").to_path_buf());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    out
}

fn expected_files() -> BTreeSet<PathBuf> {
    let mut files: BTreeSet<PathBuf> = [
        "applications/lectern.desktop",
        "mime/packages/lectern.xml",
        "icons/hicolor/scalable/apps/lectern.svg",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    for size in [16, 32, 48, 64, 128, 256, 512] {
        files.insert(PathBuf::from(format!(
            "icons/hicolor/{size}x{size}/apps/lectern.png"
        )));
    }
    files
}

#[test]
fn install_then_uninstall_leaves_exactly_the_expected_files_then_none() {
    let home = tempfile::tempdir().expect("tmp");
    let report = install(home.path(), Path::new("/usr/local/bin/lectern"), false).expect("install");
    assert_eq!(files_under(home.path()), expected_files());
    assert_eq!(
        report.files.iter().cloned().collect::<BTreeSet<_>>(),
        expected_files()
    );
    assert_eq!(installed_files().len(), expected_files().len());
    assert!(report.updaters.is_empty(), "not asked to run them");
    let svg =
        std::fs::read(home.path().join("icons/hicolor/scalable/apps/lectern.svg")).expect("svg");
    assert!(String::from_utf8_lossy(&svg).contains("<svg"));

    let report = uninstall(home.path(), false).expect("uninstall");
    assert_eq!(report.files.len(), expected_files().len());
    assert!(
        files_under(home.path()).is_empty(),
        "{:?}",
        files_under(home.path())
    );
    // Uninstalling twice is harmless.
    assert!(
        uninstall(home.path(), false)
            .expect("again")
            .files
            .is_empty()
    );
}

#[test]
fn uninstall_leaves_other_programs_files_alone() {
    let home = tempfile::tempdir().expect("tmp");
    let others = [
        "applications/other.desktop",
        "icons/hicolor/48x48/apps/other.png",
        "mime/packages/other.xml",
    ];
    for other in others {
        let path = home.path().join(other);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, "not Lectern's").expect("write");
    }
    install(home.path(), Path::new("/usr/bin/lectern"), false).expect("install");
    uninstall(home.path(), false).expect("uninstall");
    let left: BTreeSet<PathBuf> = others.iter().map(PathBuf::from).collect();
    assert_eq!(files_under(home.path()), left);
}

/// Runs desktop-file-validate on a launcher; fails (does not skip) when the tool is missing.
fn validate(entry: &str) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("lectern.desktop");
    std::fs::write(&path, entry).expect("write");
    let output = match Command::new("desktop-file-validate").arg(&path).output() {
        Ok(output) => output,
        Err(err) => panic!(
            "desktop-file-validate could not run ({err}). Install Debian's desktop-file-utils: \
             apt-get install -y --no-install-recommends desktop-file-utils (.ci/run does)"
        ),
    };
    let messages = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{messages}\n{entry}");
    messages
}

#[test]
fn the_launcher_passes_desktop_file_validate() {
    for exe in [
        "/home/ada/.cargo/bin/lectern",
        "/opt/My Apps/lectern",
        "/opt/odd$name/100%/lectern",
    ] {
        let entry = desktop_entry(Path::new(exe)).expect("entry");
        let messages = validate(&entry);
        assert!(
            !messages.contains("error") && !messages.contains("warning"),
            "{exe}: {messages}"
        );
    }
    let entry = desktop_entry(Path::new("/home/ada/.cargo/bin/lectern")).expect("entry");
    for line in [
        "Exec=/home/ada/.cargo/bin/lectern %F",
        "Icon=lectern",
        "Terminal=false",
        "StartupWMClass=lectern",
        "Categories=Office;Education;",
        "MimeType=application/x-lectern-workspace;inode/directory;",
    ] {
        assert!(
            entry.lines().any(|l| l == line),
            "missing {line:?} in\n{entry}"
        );
    }
    let quoted = desktop_entry(Path::new("/opt/My Apps/lectern")).expect("entry");
    assert!(
        quoted.contains("Exec=\"/opt/My Apps/lectern\" %F"),
        "{quoted}"
    );
}

#[test]
fn the_mime_package_is_well_formed_and_claims_workspace_files() {
    let doc = roxmltree::Document::parse(MIME_XML).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "mime-info");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.freedesktop.org/standards/shared-mime-info")
    );
    let mime_type = root
        .children()
        .find(|n| n.has_tag_name("mime-type"))
        .expect("mime-type");
    assert_eq!(mime_type.attribute("type"), Some(WORKSPACE_MIME_TYPE));
    let child = |name: &str| {
        mime_type
            .children()
            .find(|n| n.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no <{name}>"))
    };
    assert_eq!(child("glob").attribute("pattern"), Some(WORKSPACE_GLOB));
    assert_eq!(WORKSPACE_GLOB, "*.lectern.ron");
    assert_eq!(child("sub-class-of").attribute("type"), Some("text/plain"));
    assert!(!child("comment").text().unwrap_or("").trim().is_empty());
}

/// Files the cache updaters write (they are the desktop's, rebuilt on every run).
fn is_updater_cache(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text == "applications/mimeinfo.cache"
        || text == "icons/hicolor/icon-theme.cache"
        || (text.starts_with("mime/") && !text.starts_with("mime/packages/"))
}

#[test]
fn install_desktop_command_uses_xdg_data_home_and_the_running_program() {
    let home = tempfile::tempdir().expect("tmp");
    let run = |command: &str| {
        Command::new(env!("CARGO_BIN_EXE_lectern"))
            .arg(command)
            .env("XDG_DATA_HOME", home.path())
            .output()
            .expect("run lectern")
    };
    let out = run("install-desktop");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("applications/lectern.desktop"), "{stdout}");
    for (updater, _) in UPDATERS {
        assert!(
            stdout.contains(updater),
            "{updater} not reported:\n{stdout}"
        );
    }
    let installed = files_under(home.path());
    assert!(expected_files().is_subset(&installed));
    for extra in installed.difference(&expected_files()) {
        assert!(is_updater_cache(extra), "unexpected file {extra:?}");
    }
    let entry = std::fs::read_to_string(home.path().join("applications/lectern.desktop"))
        .expect("launcher");
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_lectern")).expect("exe");
    assert!(
        entry.contains(&format!("TryExec={}", exe.display())),
        "{entry}"
    );

    let out = run("uninstall-desktop");
    assert!(out.status.success());
    let left = files_under(home.path());
    assert!(left.is_disjoint(&expected_files()), "{left:?}");
    assert!(left.iter().all(|f| is_updater_cache(f)), "{left:?}");
}
