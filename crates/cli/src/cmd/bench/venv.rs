//! The benchmarks' Python virtualenv under `target/bench-venv`, where peers (trafilatura,
//! dateparser, scikit-learn …) are pip-installed so they run in the same run as Marsad.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The virtualenv folder, relative to the repo root.
pub const VENV: &str = "target/bench-venv";

/// The venv's python with `module` importable, installing `packages` with pip when missing.
/// `Err` says why the peer cannot run (no python3, pip failed), so benches can skip it.
pub fn python_with(root: &Path, module: &str, packages: &[&str]) -> Result<PathBuf, String> {
    let venv = root.join(VENV);
    let python = venv.join("bin/python");
    let importable = |python: &Path| {
        Command::new(python)
            .args(["-c", &format!("import {module}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if python.exists() && importable(&python) {
        return Ok(python);
    }
    if !python.exists() {
        eprintln!("creating {} (one time)…", venv.display());
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .map_err(|e| format!("python3 not available: {e}"))?;
        if !made.success() {
            return Err("python3 -m venv failed".to_owned());
        }
    }
    let package = packages.join(" ");
    eprintln!("pip install {package} into {} (one time)…", venv.display());
    let pip = Command::new(venv.join("bin/pip"))
        .args(["install", "-q"])
        .args(packages)
        .status()
        .map_err(|e| format!("pip not available: {e}"))?;
    if !pip.success() || !importable(&python) {
        return Err(format!("pip install {package} failed"));
    }
    Ok(python)
}
