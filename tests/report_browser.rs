//! The sample reports (`reports/index.html`, `reports/compare/index.html`) as people see them: loaded in a headless Chromium at 1400 px and inside a 390 px frame (a phone), no sideways page scroll, every chart present and non-empty, no chart text under 10 CSS px at 1400 px.
//!
//! Skipped when no Chromium is installed, unless `GILBENCH_BROWSER_REQUIRED=1` (CI installs
//! Debian's `chromium` and sets it), which turns a missing browser into a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

/// Measures the page once loaded: the page's scroll width against the viewport, the inline SVG
/// charts, and the smallest rendered font size of their text (font size × the SVG's scale).
/// Inside a frame it posts the answer to the parent page, which prints it.
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  var out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, charts: 0, emptyCharts: 0, minText: 1e9};
  document.querySelectorAll('.chart svg').forEach(function (svg) {
    out.charts++;
    var r = svg.getBoundingClientRect();
    if (r.width < 10 || r.height < 10 || svg.childElementCount === 0) out.emptyCharts++;
    svg.querySelectorAll('text').forEach(function (t) {
      var fs = parseFloat(getComputedStyle(t).fontSize);
      var m = t.getScreenCTM();
      if (m && fs) { var px = fs * Math.sqrt(m.a * m.a + m.b * m.b); if (px < out.minText) out.minText = px; }
    });
  });
  var text = JSON.stringify(out);
  if (window.parent !== window) { window.parent.postMessage(text, '*'); }
  var pre = document.createElement('pre'); pre.id = 'gilbench-probe'; pre.textContent = text; document.body.appendChild(pre);
});
</script>"#;

const FRAME: &str = r#"<!DOCTYPE html><html><body style="margin:0">
<iframe src="index.html" style="width:390px;height:844px;border:0"></iframe>
<script>window.addEventListener('message', function (e) { var pre = document.createElement('pre'); pre.id = 'gilbench-probe'; pre.textContent = e.data; document.body.appendChild(pre); });</script>
</body></html>"#;

fn browser() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output() {
            let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if out.status.success() && !path.is_empty() {
                return Some(PathBuf::from(path));
            }
        }
    }
    None
}

/// Load `page` at `width` px and return the probe's answer.
fn probe(chromium: &Path, page: &Path, width: u32, profile: &Path) -> Value {
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--allow-file-access-from-files",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--window-size={width},900"))
    .args(["--virtual-time-budget=5000", "--dump-dom"])
    .arg(format!("file://{}", page.display()));
    let out = common::run_with_timeout(cmd, Duration::from_secs(120), None);
    let start = out.stdout.find("<pre id=\"gilbench-probe\">").unwrap_or_else(|| {
        panic!(
            "no probe answer from {} at {width}px: {}\n{}",
            page.display(),
            out.stdout.chars().take(300).collect::<String>(),
            out.stderr
        )
    });
    let rest = &out.stdout[start + "<pre id=\"gilbench-probe\">".len()..];
    let json = &rest[..rest.find("</pre>").unwrap()];
    serde_json::from_str(&json.replace("&quot;", "\"")).unwrap()
}

fn check_page(chromium: &Path, report_dir: &Path, name: &str) {
    let dir = common::scratch(&format!("browser-{name}"));
    let html = std::fs::read_to_string(report_dir.join("index.html")).unwrap();
    std::fs::write(dir.join("index.html"), html.replace("</body>", &format!("{PROBE}</body>")))
        .unwrap();
    std::fs::write(dir.join("frame.html"), FRAME).unwrap();
    let wide = probe(chromium, &dir.join("index.html"), 1400, &dir.join("profile"));
    let f = |v: &Value, k: &str| v[k].as_f64().unwrap_or_else(|| panic!("{k} in {v}"));
    assert!(
        f(&wide, "scrollWidth") <= f(&wide, "innerWidth"),
        "{name} at 1400 px scrolls sideways: {wide}"
    );
    assert!(
        f(&wide, "charts") >= 1.0 && f(&wide, "emptyCharts") == 0.0,
        "{name}: charts present and drawn: {wide}"
    );
    assert!(f(&wide, "minText") >= 10.0, "{name}: chart text below 10 px at 1400 px: {wide}");
    let phone = probe(chromium, &dir.join("frame.html"), 1000, &dir.join("profile"));
    assert_eq!(f(&phone, "innerWidth"), 390.0, "{phone}");
    assert!(f(&phone, "scrollWidth") <= 390.0, "{name} at 390 px scrolls sideways: {phone}");
    assert!(
        f(&phone, "charts") == f(&wide, "charts") && f(&phone, "emptyCharts") == 0.0,
        "{name} on a phone: {phone}"
    );
}

#[test]
fn the_sample_reports_fit_a_desktop_and_a_phone() {
    let Some(chromium) = browser() else {
        assert!(
            std::env::var("GILBENCH_BROWSER_REQUIRED").as_deref() != Ok("1"),
            "GILBENCH_BROWSER_REQUIRED=1 but no chromium on PATH"
        );
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    check_page(&chromium, &root, "sweep");
    check_page(&chromium, &root.join("compare"), "compare");
}
