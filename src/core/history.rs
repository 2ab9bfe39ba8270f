//! Undo and redo by snapshots of the person's data.
//!
//! [`History`] keeps copies of a value before each change (the workspace's user data is small
//! next to the documents, so whole snapshots are simple and cannot drift from the edits). Typing
//! in one note makes one undo step, not one per keystroke: changes with the same `coalesce`
//! key in a row share a snapshot.

/// Snapshots before each change, and after each undo.
#[derive(Debug, Clone)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    last_key: Option<String>,
    limit: usize,
}

impl<T: Clone> History<T> {
    /// A history that remembers at most `limit` steps.
    pub fn new(limit: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            last_key: None,
            limit: limit.max(1),
        }
    }

    /// Call before changing `current`. Consecutive changes with the same `coalesce` key (e.g.
    /// "note:claim-42") make a single undo step.
    pub fn record(&mut self, current: &T, coalesce: Option<&str>) {
        let same = coalesce.is_some() && coalesce == self.last_key.as_deref();
        self.last_key = coalesce.map(str::to_owned);
        self.redo.clear();
        if same {
            return;
        }
        self.undo.push(current.clone());
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
    }

    /// The state before the last change; `current` goes to the redo list.
    pub fn undo(&mut self, current: &T) -> Option<T> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        self.last_key = None;
        Some(previous)
    }

    /// The state the last undo left; `current` goes back to the undo list.
    pub fn redo(&mut self, current: &T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.last_key = None;
        Some(next)
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (a new study was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last_key = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_changes() {
        let mut h = History::new(10);
        let mut value = 1;
        h.record(&value, None);
        value = 2;
        h.record(&value, None);
        value = 3;
        value = h.undo(&value).unwrap();
        assert_eq!(value, 2);
        value = h.undo(&value).unwrap();
        assert_eq!(value, 1);
        assert!(h.undo(&value).is_none());
        value = h.redo(&value).unwrap();
        assert_eq!(value, 2);
        value = h.redo(&value).unwrap();
        assert_eq!(value, 3);
        assert!(!h.can_redo());
    }

    #[test]
    fn typing_in_one_note_is_one_step_and_a_new_change_clears_redo() {
        let mut h = History::new(10);
        let mut note = String::new();
        for c in "hello".chars() {
            h.record(&note, Some("note:1"));
            note.push(c);
        }
        assert_eq!(h.undo(&note).unwrap(), "");
        let mut h2 = History::new(10);
        h2.record(&0, None);
        let v = h2.undo(&1).unwrap();
        h2.record(&v, None);
        assert!(
            !h2.can_redo(),
            "a new change after undo drops the redo list"
        );
    }

    #[test]
    fn the_limit_drops_the_oldest_steps() {
        let mut h = History::new(2);
        for v in 0..5 {
            h.record(&v, None);
        }
        assert_eq!(h.undo(&5), Some(4));
        assert_eq!(h.undo(&4), Some(3));
        assert_eq!(h.undo(&3), None);
    }
}
