//! Where, when and by what a results file was made (its top-level `"meta"` object): the machine, the gilbench build, the command line and load, and each `--python` interpreter.
//!
//! Machine facts come from Linux's `/proc` (`cpuinfo`, `meminfo`, `loadavg`,
//! `sys/kernel/{hostname,osrelease}`) and `/etc/os-release`; a fact that cannot be read is
//! null, never guessed. The git commit is embedded at build time by `build.rs`.
//!
//! The **machine key** names a machine in reports that merge sweeps from several machines: it
//! is `HOSTNAME (CPU MODEL, N logical cores)`, e.g. `laptop (Intel(R) Core(TM) i7-8550U CPU @
//! 1.80GHz, 8 logical cores)`. It is stable across sweeps on one machine and readable in a
//! table; two machines only share it when hostname, CPU model and core count all agree. Rows of
//! files written before provenance existed belong to [`UNKNOWN_MACHINE`].
//!
//! The busy-machine check ([`busy_warning`]) is a pure function of the 1-minute load average
//! and the logical core count: busy means a load above half the cores.
#![forbid(unsafe_code)]

use serde::{Deserialize, Serialize};

use super::python::PythonRun;
use super::results::BenchRow;

/// The machine key of rows from files without provenance.
pub const UNKNOWN_MACHINE: &str = "unknown machine";

/// Test hook: when set (e.g. `GILBENCH_FAKE_LOADAVG="3.50 3.00 2.00"`), its text is read instead
/// of `/proc/loadavg`, so the busy-machine warning can be tested on a quiet machine.
pub const ENV_FAKE_LOADAVG: &str = "GILBENCH_FAKE_LOADAVG";

/// The git commit this binary was built from (`abc1234`, `abc1234-dirty`, or `unknown`).
pub const GIT_COMMIT: &str = env!("GILBENCH_GIT_COMMIT");

/// Everything recorded about one sweep.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    pub machine: Machine,
    pub gilbench: Build,
    pub run: RunInfo,
    /// One entry per `--python` interpreter, in the order given.
    pub pythons: Vec<PythonMeta>,
}

/// The machine a sweep ran on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Machine {
    /// See the module doc: `HOSTNAME (CPU MODEL, N logical cores)`.
    pub key: String,
    pub hostname: String,
    /// `model name` of `/proc/cpuinfo` (null when it has none).
    pub cpu_model: Option<String>,
    /// CPUs the kernel lists (`processor` entries).
    pub logical_cores: usize,
    /// Distinct (physical id, core id) pairs; null when `/proc/cpuinfo` does not say.
    pub physical_cores: Option<usize>,
    /// CPUs this process may run on (affinity and cgroup quota): the default top thread count.
    pub available_cores: usize,
    /// `MemTotal`, in bytes.
    pub memory_bytes: Option<u64>,
    /// `PRETTY_NAME` of `/etc/os-release` (`Debian GNU/Linux 12 (bookworm)`).
    pub os: Option<String>,
    /// The kernel release (`6.1.0-18-amd64`).
    pub kernel: Option<String>,
    /// `x86_64`, `aarch64`, ...
    pub arch: String,
}

/// The gilbench binary that ran the sweep.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Build {
    pub version: String,
    /// Short git commit, `-dirty` when built from modified sources, or `unknown`.
    pub commit: String,
    /// Cargo features compiled in (`no-counters`).
    pub features: Vec<String>,
    /// `release` or `debug` (debug assertions on).
    pub profile: String,
}

/// When and how the sweep was started.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunInfo {
    /// The command line, one argument per entry.
    pub command: Vec<String>,
    /// Start time, UTC, ISO 8601 (`2026-12-03T10:15:42Z`).
    pub date: String,
    /// Start time in seconds since the Unix epoch.
    pub unix_time: u64,
    /// The 1, 5 and 15-minute load averages at the start (null where unreadable).
    pub load_avg: Option<[f64; 3]>,
}

/// A `--python` interpreter as probed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PythonMeta {
    /// As given to `--python`.
    pub path: String,
    /// `CPython`, `PyPy`, ...
    pub implementation: String,
    /// `3.11.7`.
    pub version: String,
    /// `sys.version` on one line (compiler and build date).
    pub build: Option<String>,
    /// Its GIL is enabled at run time (`sys._is_gil_enabled()`, true before 3.13).
    pub gil_enabled: bool,
    /// Built free-threaded (`sysconfig.get_config_var("Py_GIL_DISABLED")`).
    pub free_threaded_build: bool,
    /// The row labels its runs got (`cpython3.14t`, `cpython3.14-interpreters`).
    pub labels: Vec<String>,
}

impl PythonMeta {
    /// `CPython 3.14.0, free-threaded build, GIL disabled`.
    pub fn describe(&self) -> String {
        let build = if self.free_threaded_build { "free-threaded build" } else { "GIL build" };
        let gil = if self.gil_enabled { "GIL enabled" } else { "GIL disabled" };
        format!("{} {}, {build}, {gil}", self.implementation, self.version)
    }
}

/// `HOSTNAME (CPU MODEL, N logical cores)`.
pub fn machine_key(hostname: &str, cpu_model: Option<&str>, logical_cores: usize) -> String {
    let host = if hostname.trim().is_empty() { "unknown host" } else { hostname.trim() };
    let cpu = cpu_model.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("unknown CPU");
    format!("{host} ({cpu}, {logical_cores} logical cores)")
}

/// What `/proc/cpuinfo` says: (model name, logical CPUs, physical cores).
pub fn parse_cpuinfo(text: &str) -> (Option<String>, usize, Option<usize>) {
    let mut model = None;
    let mut logical = 0;
    let mut cores = std::collections::BTreeSet::new();
    let mut physical_id: Option<String> = None;
    let mut core_id: Option<String> = None;
    let mut flush = |physical_id: &mut Option<String>, core_id: &mut Option<String>| {
        if let Some(core) = core_id.take() {
            cores.insert((physical_id.take().unwrap_or_default(), core));
        }
        *physical_id = None;
    };
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            if line.trim().is_empty() {
                flush(&mut physical_id, &mut core_id);
            }
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "processor" => logical += 1,
            // x86's `model name`; some ARM kernels say `Processor` or `cpu model`.
            "model name" | "Processor" | "cpu model" if model.is_none() && !value.is_empty() => {
                model = Some(value.to_string())
            }
            "physical id" => physical_id = Some(value.to_string()),
            "core id" => core_id = Some(value.to_string()),
            _ => {}
        }
    }
    flush(&mut physical_id, &mut core_id);
    let physical = (!cores.is_empty()).then_some(cores.len());
    (model, logical, physical)
}

/// `MemTotal` of `/proc/meminfo`, in bytes.
pub fn parse_meminfo(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let mut words = line["MemTotal:".len()..].split_whitespace();
    let n: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") => n.checked_mul(1024),
        None => Some(n),
        Some(_) => None,
    }
}

/// The three load averages at the start of `/proc/loadavg` (`0.52 0.58 0.59 1/389 12345`).
pub fn parse_loadavg(text: &str) -> Option<[f64; 3]> {
    let mut it = text
        .split_whitespace()
        .map(|w| w.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0));
    Some([it.next()??, it.next()??, it.next()??])
}

/// `PRETTY_NAME` of `/etc/os-release` (quotes removed), else `NAME VERSION`.
pub fn parse_os_release(text: &str) -> Option<String> {
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(|v| v.trim().trim_matches('"').trim_matches('\'').to_string())
            .filter(|v| !v.is_empty())
    };
    value("PRETTY_NAME").or_else(|| match (value("NAME"), value("VERSION")) {
        (Some(n), Some(v)) => Some(format!("{n} {v}")),
        (n, _) => n,
    })
}

fn read(path: &str) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The load averages now: `$GILBENCH_FAKE_LOADAVG` when set (a test hook), else `/proc/loadavg`.
pub fn read_loadavg() -> Option<[f64; 3]> {
    match std::env::var(ENV_FAKE_LOADAVG) {
        Ok(fake) if !fake.trim().is_empty() => parse_loadavg(&fake),
        _ => parse_loadavg(&read("/proc/loadavg")?),
    }
}

impl Machine {
    /// This machine, as far as `/proc` and `/etc/os-release` tell.
    pub fn detect() -> Machine {
        let (cpu_model, listed, physical_cores) =
            read("/proc/cpuinfo").map(|t| parse_cpuinfo(&t)).unwrap_or((None, 0, None));
        let available_cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let logical_cores = if listed > 0 { listed } else { available_cores };
        let hostname = read("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .unwrap_or_default();
        Machine {
            key: machine_key(&hostname, cpu_model.as_deref(), logical_cores),
            hostname,
            cpu_model,
            logical_cores,
            physical_cores,
            available_cores,
            memory_bytes: read("/proc/meminfo").and_then(|t| parse_meminfo(&t)),
            os: read("/etc/os-release").and_then(|t| parse_os_release(&t)),
            kernel: read("/proc/sys/kernel/osrelease")
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty()),
            arch: std::env::consts::ARCH.to_string(),
        }
    }

    /// `8 logical / 4 physical` (or `8 logical`).
    pub fn cores_text(&self) -> String {
        match self.physical_cores {
            Some(p) => format!("{} logical / {p} physical", self.logical_cores),
            None => format!("{} logical", self.logical_cores),
        }
    }

    /// `Linux 6.1.0-18-amd64 x86_64, Debian GNU/Linux 12 (bookworm)`, as far as known.
    pub fn os_text(&self) -> String {
        let mut s = match &self.kernel {
            Some(k) => format!("Linux {k} {}", self.arch),
            None => self.arch.clone(),
        };
        if let Some(os) = &self.os {
            s.push_str(&format!(", {os}"));
        }
        s
    }
}

impl Build {
    /// This binary.
    pub fn current() -> Build {
        let mut features = Vec::new();
        if cfg!(feature = "no-counters") {
            features.push("no-counters".to_string());
        }
        Build {
            version: env!("CARGO_PKG_VERSION").to_string(),
            commit: GIT_COMMIT.to_string(),
            features,
            profile: if cfg!(debug_assertions) { "debug" } else { "release" }.to_string(),
        }
    }

    /// `0.1.0 (abc1234, no-counters)`.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.commit.clone()];
        parts.extend(self.features.iter().cloned());
        if self.profile == "debug" {
            parts.push("debug build".into());
        }
        format!("{} ({})", self.version, parts.join(", "))
    }
}

/// `(year, month, day, hour, minute, second)` in UTC of a Unix time.
pub fn civil_utc(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m as u32, d as u32, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32)
}

/// `2026-12-03T10:15:42Z`.
pub fn iso_utc(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil_utc(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

impl Provenance {
    /// Record this machine, this binary, `command` and the load average now.
    pub fn collect(command: Vec<String>) -> Provenance {
        let unix_time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Provenance {
            machine: Machine::detect(),
            gilbench: Build::current(),
            run: RunInfo { command, date: iso_utc(unix_time), unix_time, load_avg: read_loadavg() },
            pythons: Vec::new(),
        }
    }

    /// Record the `--python` runs (several runs of one interpreter make one entry).
    pub fn add_pythons(&mut self, runs: &[PythonRun]) {
        for run in runs {
            let path = run.path.display().to_string();
            match self.pythons.iter_mut().find(|p| p.path == path) {
                Some(p) => p.labels.push(run.label.clone()),
                None => self.pythons.push(PythonMeta {
                    path,
                    implementation: run.info.implementation.clone(),
                    version: run.info.version.clone(),
                    build: run.info.build.clone(),
                    gil_enabled: run.info.gil_enabled,
                    free_threaded_build: run.info.free_threaded_build,
                    labels: vec![run.label.clone()],
                }),
            }
        }
    }

    /// The machine key, or [`UNKNOWN_MACHINE`] when none was recorded.
    pub fn key(&self) -> &str {
        if self.machine.key.is_empty() {
            UNKNOWN_MACHINE
        } else {
            &self.machine.key
        }
    }

    /// Mark every row as measured on this machine.
    pub fn stamp(&self, rows: &mut [BenchRow]) {
        for r in rows {
            r.machine = Some(self.key().to_string());
        }
    }

    /// The busy-machine warning for this sweep's start, if the load was high.
    pub fn busy_warning(&self) -> Option<String> {
        busy_warning(self.run.load_avg?[0], self.machine.logical_cores)
    }
}

/// A warning when the 1-minute load average is above half the logical cores, else None.
pub fn busy_warning(load_1min: f64, logical_cores: usize) -> Option<String> {
    let half = logical_cores.max(1) as f64 / 2.0;
    (load_1min.is_finite() && load_1min > half).then(|| {
        format!(
            "the machine is busy: its 1-minute load average is {load_1min:.2}, above half its {} logical cores ({half}); results will be noisy (run on a quiet machine)",
            logical_cores.max(1)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CPUINFO: &str =
        "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nphysical id\t: 0\ncore id\t\t: 0\n\n\
processor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nphysical id\t: 0\ncore id\t\t: 0\n\n\
processor\t: 2\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nphysical id\t: 0\ncore id\t\t: 1\n\n\
processor\t: 3\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nphysical id\t: 1\ncore id\t\t: 0\n\n";

    #[test]
    fn cpuinfo_counts_logical_cpus_and_distinct_cores() {
        let (model, logical, physical) = parse_cpuinfo(CPUINFO);
        assert_eq!(model.as_deref(), Some("Intel(R) Xeon(R) CPU @ 2.20GHz"));
        assert_eq!(logical, 4);
        assert_eq!(physical, Some(3), "(0,0) twice (hyper-threads), (0,1), (1,0)");
        let arm = "processor\t: 0\nBogoMIPS\t: 48.00\n\nprocessor\t: 1\nBogoMIPS\t: 48.00\n";
        assert_eq!(
            parse_cpuinfo(arm),
            (None, 2, None),
            "no model and no core ids: unknown, not guessed"
        );
        assert_eq!(parse_cpuinfo(""), (None, 0, None));
    }

    #[test]
    fn meminfo_loadavg_and_os_release() {
        assert_eq!(
            parse_meminfo("MemTotal:       16314436 kB\nMemFree: 1 kB\n"),
            Some(16_314_436 * 1024)
        );
        assert_eq!(parse_meminfo("MemFree: 1 kB\n"), None);
        assert_eq!(parse_loadavg("0.52 0.58 0.59 1/389 12345\n"), Some([0.52, 0.58, 0.59]));
        assert_eq!(parse_loadavg("3.5"), None, "three numbers or nothing");
        assert_eq!(parse_loadavg("x y z"), None);
        assert_eq!(
            parse_os_release(
                "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
            )
            .as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(parse_os_release("NAME=Alpine\nVERSION=3.19\n").as_deref(), Some("Alpine 3.19"));
        assert_eq!(parse_os_release(""), None);
    }

    #[test]
    fn machine_keys_are_readable_and_stable() {
        assert_eq!(
            machine_key("laptop", Some("AMD EPYC"), 2),
            "laptop (AMD EPYC, 2 logical cores)"
        );
        assert_eq!(machine_key("", None, 64), "unknown host (unknown CPU, 64 logical cores)");
        let m = Machine::detect();
        assert_eq!(m.key, machine_key(&m.hostname, m.cpu_model.as_deref(), m.logical_cores));
        assert_eq!(Machine::detect().key, m.key, "the same machine gives the same key");
        assert!(m.logical_cores >= 1 && m.available_cores >= 1);
        assert_eq!(Provenance::default().key(), UNKNOWN_MACHINE);
    }

    #[test]
    fn busy_means_a_load_above_half_the_cores() {
        assert_eq!(busy_warning(1.0, 2), None, "exactly half is not busy");
        assert_eq!(busy_warning(0.2, 64), None);
        let w = busy_warning(1.5, 2).expect("busy");
        assert_eq!(w, "the machine is busy: its 1-minute load average is 1.50, above half its 2 logical cores (1); results will be noisy (run on a quiet machine)");
        assert!(busy_warning(40.0, 64)
            .unwrap()
            .contains("40.00, above half its 64 logical cores (32)"));
        assert!(busy_warning(0.6, 1).is_some());
        assert_eq!(busy_warning(f64::NAN, 2), None);
        let mut p = Provenance::default();
        p.machine.logical_cores = 4;
        assert_eq!(p.busy_warning(), None, "no load recorded, no claim");
        p.run.load_avg = Some([2.5, 1.0, 1.0]);
        assert!(p.busy_warning().unwrap().contains("2.50"));
    }

    #[test]
    fn dates_and_build() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_798_971_342), "2027-01-03T10:15:42Z");
        let b = Build::current();
        assert_eq!(b.version, env!("CARGO_PKG_VERSION"));
        assert!(!b.commit.is_empty());
        assert_eq!(b.features.contains(&"no-counters".to_string()), cfg!(feature = "no-counters"));
    }

    #[test]
    fn meta_round_trips_and_tolerates_missing_fields() {
        let mut p = Provenance::collect(vec!["gilbench".into(), "bench".into()]);
        p.pythons.push(PythonMeta {
            path: "python3".into(),
            implementation: "CPython".into(),
            version: "3.14.0".into(),
            gil_enabled: false,
            free_threaded_build: true,
            labels: vec!["cpython3.14t".into()],
            build: None,
        });
        let back: Provenance = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.pythons[0].describe(), "CPython 3.14.0, free-threaded build, GIL disabled");
        let sparse: Provenance =
            serde_json::from_str(r#"{"machine": {"key": "m (x, 2 logical cores)"}}"#).unwrap();
        assert_eq!(sparse.key(), "m (x, 2 logical cores)");
        assert!(sparse.run.load_avg.is_none() && sparse.pythons.is_empty());
    }
}
