//! Temporary differential driver (not committed).
#[test]
fn dump_listed_files() {
    let list = std::env::var("FILES").unwrap();
    let out_dir = std::env::var("OUT").unwrap();
    for (i, path) in std::fs::read_to_string(list).unwrap().lines().enumerate() {
        let src = match std::fs::read_to_string(path) { Ok(s) => s, Err(_) => continue };
        let text = match gilbench::frontend::parse_module(&src, path) {
            Ok(m) => gilbench::frontend::ast_dump::dump_module(&m, 2) + "\n",
            Err(e) => format!("ERROR {} {} {} {}\n", e.kind.name(), e.msg, e.lineno, e.offset),
        };
        std::fs::write(format!("{out_dir}/{i}.txt"), text).unwrap();
    }
}
