//! Build script: on Windows, embeds the app icon (assets/lectern.ico) and version information
//! into lectern.exe, so that Explorer, the taskbar and shortcuts show it. Everywhere else it
//! does nothing: `winresource` is a build-dependency only when building on Windows.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/lectern.ico");
    #[cfg(windows)]
    embed_windows_resources();
}

/// Compiled only on a Windows host: a cross-build from another system has no `winresource`
/// and leaves the icon out (see the README's "Install on the desktop").
#[cfg(windows)]
fn embed_windows_resources() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resources = winresource::WindowsResource::new();
    resources
        .set_icon("assets/lectern.ico")
        .set("FileDescription", "Lectern")
        .set("ProductName", "Lectern");
    if let Err(err) = resources.compile() {
        // No resource compiler (rc.exe from the Windows SDK, or MinGW's windres): the program
        // still builds, only without its icon.
        println!("cargo::warning=lectern.exe gets no icon: {err}");
    }
}
