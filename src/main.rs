//! The `gilbench` binary: parses the command line (see `cli.rs`) and exits with its status.
#![forbid(unsafe_code)]

mod cli;

fn main() {
    std::process::exit(cli::main());
}
