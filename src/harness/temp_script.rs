//! A Python file written into its own temporary directory for a test, removed when dropped.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

/// `DIR/NAME.py` under the system's temporary directory, in a directory of its own (named after
/// `prefix`, the process and `name`); the directory goes away with the value.
pub struct TempScript {
    dir: PathBuf,
    path: PathBuf,
}

impl TempScript {
    pub fn new(prefix: &str, name: &str, body: &str) -> TempScript {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        let path = dir.join(format!("{name}.py"));
        std::fs::write(&path, body).expect("write a temporary script");
        TempScript { dir, path }
    }
}

impl std::ops::Deref for TempScript {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempScript {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempScript {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
