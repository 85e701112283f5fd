//! The sweep's progress on stderr: an indicatif bar on a terminal, plain `[i/n] ...` lines otherwise (CI, pipes, files).
//!
//! The bar shows configurations done / total, the configuration running (workload, model,
//! threads), elapsed time and an ETA. It is used only when stderr is a terminal and the `CI`
//! environment variable is unset or empty; everywhere else each configuration prints one line,
//! `[3/12] cpu_loop free-threaded threads=2 size=12000000`, which logs and tests read.
//! Whatever goes to stdout while the bar is up (a workload's table) goes through
//! [`SweepProgress::print_stdout`], which hides the bar while printing.
#![forbid(unsafe_code)]

use std::io::Write;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::bench::LaunchRequest;

/// Whether to draw a bar: stderr is a terminal and `CI` is unset or empty.
pub fn use_bar(stderr_is_terminal: bool, ci: Option<&str>) -> bool {
    stderr_is_terminal && ci.is_none_or(|v| v.is_empty())
}

fn workload_name(r: &LaunchRequest) -> String {
    r.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The plain progress line of configuration `index` (0-based) of `total`.
pub fn plain_line(index: usize, total: usize, r: &LaunchRequest) -> String {
    format!(
        "[{}/{total}] {} {} threads={} size={}",
        index + 1,
        workload_name(r),
        r.label(),
        r.config.threads,
        r.config.size
    )
}

/// The bar's message for a configuration.
pub fn bar_message(r: &LaunchRequest) -> String {
    format!("{} {} threads={}", workload_name(r), r.label(), r.config.threads)
}

/// Progress of one sweep: a bar, or plain lines.
pub struct SweepProgress {
    bar: Option<ProgressBar>,
}

impl SweepProgress {
    /// A bar when [`use_bar`] says so for this process, else plain lines.
    pub fn auto() -> SweepProgress {
        use std::io::IsTerminal;
        let ci = std::env::var("CI").ok();
        SweepProgress::new(use_bar(std::io::stderr().is_terminal(), ci.as_deref()))
    }

    /// With a bar (drawn on stderr) or with plain lines.
    pub fn new(bar: bool) -> SweepProgress {
        let bar = bar.then(|| {
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{bar:25}] {pos}/{len} configs, ETA {eta}  {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            b.set_style(style);
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        SweepProgress { bar }
    }

    pub fn has_bar(&self) -> bool {
        self.bar.is_some()
    }

    /// Configuration `index` (0-based) of `total` is about to run.
    pub fn starting(&mut self, index: usize, total: usize, r: &LaunchRequest) {
        match &self.bar {
            Some(b) => {
                b.set_length(total as u64);
                b.set_position(index as u64);
                b.set_message(bar_message(r));
            }
            None => eprintln!("{}", plain_line(index, total, r)),
        }
    }

    /// Configuration `index` (0-based) has finished.
    pub fn done(&mut self, index: usize) {
        if let Some(b) = &self.bar {
            b.set_position(index as u64 + 1);
        }
    }

    /// Print `text` on stdout without tearing the bar.
    pub fn print_stdout(&self, text: &str) {
        let print = || {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        };
        match &self.bar {
            Some(b) => b.suspend(print),
            None => print(),
        }
    }

    /// Remove the bar (the tables stay).
    pub fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

impl Drop for SweepProgress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::worker::WorkerConfig;
    use crate::runtime::ModelKind;

    #[test]
    fn the_bar_only_on_a_terminal_outside_ci() {
        assert!(use_bar(true, None));
        assert!(use_bar(true, Some("")), "an empty CI is unset");
        assert!(!use_bar(true, Some("true")));
        assert!(!use_bar(false, None));
    }

    #[test]
    fn plain_lines_and_messages_name_the_configuration() {
        let r = LaunchRequest {
            file: "workloads/cpu_loop.py".into(),
            config: WorkerConfig {
                mode: ModelKind::FreeThreaded,
                threads: 2,
                size: 1000,
                warmup: 1,
                repeat: 5,
            },
            timeout: Duration::from_secs(1),
            python: None,
            memory_limit: None,
        };
        assert_eq!(plain_line(2, 12, &r), "[3/12] cpu_loop free-threaded threads=2 size=1000");
        assert_eq!(bar_message(&r), "cpu_loop free-threaded threads=2");
        // A hidden-target bar goes through the same calls without printing.
        let mut p = SweepProgress::new(true);
        assert!(p.has_bar());
        p.bar.as_ref().unwrap().set_draw_target(ProgressDrawTarget::hidden());
        p.starting(2, 12, &r);
        p.done(2);
        assert_eq!(p.bar.as_ref().unwrap().position(), 3);
        assert_eq!(p.bar.as_ref().unwrap().length(), Some(12));
        p.finish();
        assert!(!p.has_bar());
    }
}
