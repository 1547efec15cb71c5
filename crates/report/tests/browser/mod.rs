//! Headless Chromium for the report tests: load a page, collect its errors, take a screenshot.
//!
//! Console errors are caught two ways: a capturing script injected at the top of a copy of the page writes every
//! `console.error`, uncaught exception, failed resource load and Content-Security-Policy violation into the DOM that
//! `--dump-dom` prints, and Chromium's own log (`--enable-logging=stderr`) is scanned for uncaught exceptions.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's Chromium. Absent → the test fails loudly: a test reaches here only after
/// `gwr_testdata::require_browser!()` (which skips it on a machine without Chromium unless GWR_REQUIRE_BROWSER is
/// set; `.ci/test` installs Chromium and sets it).
pub fn chromium() -> PathBuf {
    gwr_testdata::browser().expect("/usr/bin/chromium is absent: start the test's browser part with require_browser!")
}

const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

const CAPTURE: &str = r#"<script>(function(){
var box=[];function note(k,m){box.push(k+': '+m);var el=document.getElementById('gwr-test-errors');if(el){el.textContent=box.join('\n');}}
var orig=console.error;console.error=function(){note('console.error',Array.prototype.map.call(arguments,String).join(' '));return orig.apply(console,arguments);};
window.addEventListener('error',function(e){note('error',e.message||((e.target&&(e.target.src||e.target.href))||'resource'));},true);
window.addEventListener('unhandledrejection',function(e){note('unhandledrejection',String(e.reason));});
document.addEventListener('securitypolicyviolation',function(e){note('csp',e.violatedDirective+' '+e.blockedURI);});
document.addEventListener('DOMContentLoaded',function(){var el=document.createElement('pre');el.id='gwr-test-errors';el.textContent=box.join('\n');document.body.appendChild(el);});
})();</script>"#;

/// What a page load showed.
pub struct Loaded {
    /// The DOM after the page's scripts ran.
    pub dom: String,
    /// Errors the page raised (captured in the page, and uncaught exceptions in Chromium's log).
    pub errors: Vec<String>,
}

fn run(args: &[String], deadline: Duration) -> (String, String) {
    let mut child = Command::new(chromium())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start /usr/bin/chromium");
    let out = child.stdout.take().expect("stdout");
    let err = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || std::io::read_to_string(out).unwrap_or_default());
    let err_thread = std::thread::spawn(move || std::io::read_to_string(err).unwrap_or_default());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            let (o, e) = (out_thread.join().unwrap(), err_thread.join().unwrap());
            assert!(status.success(), "chromium exited with {status}; stderr:\n{e}");
            return (o, e);
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn profile(tmp: &Path, name: &str) -> String {
    let dir = tmp.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    format!("--user-data-dir={}", dir.display())
}

/// Load `page` (a copy with the capturing script goes to `tmp`) and return its DOM and errors.
pub fn load(page: &Path, tmp: &Path) -> Loaded {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let head = html.find("<head>").unwrap_or_else(|| panic!("{}: no <head>", page.display())) + "<head>".len();
    let probed = format!("{}{CAPTURE}{}", &html[..head], &html[head..]);
    let copy = tmp.join("probed.html");
    std::fs::write(&copy, probed).unwrap();
    let mut args: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(profile(tmp, "chromium-profile-dom"));
    args.extend(["--enable-logging=stderr".into(), "--v=0".into(), "--dump-dom".into()]);
    args.push(format!("file://{}", copy.display()));
    let (dom, log) = run(&args, Duration::from_secs(120));
    let mut errors = Vec::new();
    if let Some(start) = dom.find("<pre id=\"gwr-test-errors\">") {
        let body = &dom[start + "<pre id=\"gwr-test-errors\">".len()..];
        let body = &body[..body.find("</pre>").unwrap_or(body.len())];
        errors.extend(body.lines().filter(|l| !l.trim().is_empty()).map(str::to_string));
    } else {
        errors.push("the capturing script did not run (no #gwr-test-errors in the DOM)".into());
    }
    for line in log.lines().filter(|l| l.contains("CONSOLE") && l.contains("Uncaught")) {
        errors.push(format!("chromium log: {line}"));
    }
    Loaded { dom, errors }
}

/// Save a screenshot of `page` at 1400×2000 to `png`.
pub fn screenshot(page: &Path, png: &Path, tmp: &Path) {
    let mut args: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(profile(tmp, "chromium-profile-shot"));
    args.push(format!("--screenshot={}", png.display()));
    args.push("--window-size=1400,2000".into());
    args.push(format!("file://{}", page.display()));
    run(&args, Duration::from_secs(120));
    let bytes = std::fs::read(png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert!(bytes.starts_with(b"\x89PNG"), "{} is not a PNG", png.display());
}

/// Width and height of a PNG, from its IHDR chunk.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}
