//! The list of recently opened or saved studies, newest first, kept in a small RON file in
//! the platform's config directory (the app decides where).

use std::path::{Path, PathBuf};

/// How many studies the list remembers.
pub const MAX_RECENT: usize = 10;

/// Recently used workspace files, newest first, without duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RecentList {
    /// Newest first.
    pub paths: Vec<PathBuf>,
}

impl RecentList {
    /// Reads the list; a missing or unreadable file is an empty list (it is only a convenience).
    pub fn load(file: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(file) else {
            return Self::default();
        };
        ron::from_str(&text).unwrap_or_else(|err| {
            log::warn!(
                "ignoring the unreadable recent-studies list {}: {err}",
                file.display()
            );
            Self::default()
        })
    }

    /// Writes the list (creating its folder).
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        std::fs::write(file, text)
    }

    /// Puts `path` first, dropping an older entry of it and the oldest beyond [`MAX_RECENT`].
    pub fn push(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_capped() {
        let mut list = RecentList::default();
        for i in 0..12 {
            list.push(Path::new(&format!("/s/{i}.lectern.ron")));
        }
        list.push(Path::new("/s/5.lectern.ron"));
        assert_eq!(list.paths.len(), MAX_RECENT);
        assert_eq!(list.paths[0], PathBuf::from("/s/5.lectern.ron"));
        assert_eq!(
            list.paths
                .iter()
                .filter(|p| p.ends_with("5.lectern.ron"))
                .count(),
            1
        );
        assert_eq!(list.paths[1], PathBuf::from("/s/11.lectern.ron"));
    }

    #[test]
    fn saves_and_loads_and_tolerates_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config/recent.ron");
        let mut list = RecentList::default();
        list.push(Path::new("/a/study.lectern.ron"));
        list.save(&file).unwrap();
        assert_eq!(RecentList::load(&file), list);
        std::fs::write(&file, "((((").unwrap();
        assert_eq!(RecentList::load(&file), RecentList::default());
    }
}
