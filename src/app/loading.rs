//! Opening a study off the UI thread, with progress and cancellation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use crate::core::analysis::{Cancelled, OpenOptions, Progress, Source, Study, open_study_listing};

/// A study being opened on a worker thread.
pub struct LoadingJob {
    /// What is being opened.
    pub source: Source,
    /// Shared progress, updated by the worker.
    pub progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<Study, Cancelled>>,
    /// Documents read so far (analysis still running), for the outline.
    arrived: Arc<Mutex<Vec<Arrived>>>,
}

/// A document read while the study is still being analysed: enough to list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrived {
    /// Its place among the inputs (skipped files keep theirs).
    pub position: usize,
    /// Its title.
    pub title: String,
    /// Its section titles, in order.
    pub sections: Vec<String>,
}

/// What polling a job found.
pub enum Poll {
    /// Still working.
    Running,
    /// Finished with a study.
    Done(Box<Study>),
    /// Cancelled, or the worker died.
    Stopped(String),
}

impl LoadingJob {
    /// Starts opening `source`; `on_done` is called from the worker when it finishes (to wake
    /// the UI).
    pub fn start(source: Source, on_done: impl FnOnce() + Send + 'static) -> Self {
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = std::sync::mpsc::channel();
        let arrived: Arc<Mutex<Vec<Arrived>>> = Arc::default();
        let (p, c, s, a) = (
            progress.clone(),
            cancel.clone(),
            source.clone(),
            arrived.clone(),
        );
        let spawned = std::thread::Builder::new()
            .name("lectern-loader".to_owned())
            .spawn(move || {
                let on_loaded = |position: usize, document: &crate::core::document::Document| {
                    let entry = Arrived {
                        position,
                        title: document.title.clone(),
                        sections: document
                            .sections
                            .iter()
                            .map(|s| s.display_title().to_owned())
                            .collect(),
                    };
                    if let Ok(mut list) = a.lock() {
                        let at = list.partition_point(|x| x.position < position);
                        list.insert(at, entry);
                    }
                };
                let result = open_study_listing(&s, OpenOptions::default(), &p, &c, &on_loaded);
                // The receiver is gone only when the app closed; nothing to tell then.
                let _ = tx.send(result);
                on_done();
            });
        if let Err(err) = spawned {
            let (tx, rx2) = std::sync::mpsc::channel();
            let _ = tx.send(Err(Cancelled));
            log_spawn_error(&err);
            return Self {
                source,
                progress,
                cancel,
                result: rx2,
                arrived,
            };
        }
        Self {
            source,
            progress,
            cancel,
            result: rx,
            arrived,
        }
    }

    /// The documents read so far, in input order (their analysis may still be running).
    pub fn arrived(&self) -> Vec<Arrived> {
        self.arrived.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Asks the worker to stop at the next document.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancelling was asked.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Checks whether the worker finished.
    pub fn poll(&self) -> Poll {
        match self.result.try_recv() {
            Ok(Ok(study)) => Poll::Done(Box::new(study)),
            Ok(Err(Cancelled)) => Poll::Stopped("Opening was cancelled.".to_owned()),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => {
                Poll::Stopped("Opening failed: the loader stopped unexpectedly.".to_owned())
            }
        }
    }

    /// Waits for the worker (tests and headless use).
    pub fn wait(&self) -> Poll {
        match self.result.recv() {
            Ok(Ok(study)) => Poll::Done(Box::new(study)),
            Ok(Err(Cancelled)) => Poll::Stopped("Opening was cancelled.".to_owned()),
            Err(_) => Poll::Stopped("Opening failed: the loader stopped unexpectedly.".to_owned()),
        }
    }
}

fn log_spawn_error(err: &std::io::Error) {
    eprintln!("lectern: could not start the loader thread: {err}");
}
