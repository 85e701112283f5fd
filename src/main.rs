//! The `gilbench` binary: parses the command line (see `cli.rs`) and exits with its status.
#![forbid(unsafe_code)]

mod cli;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    std::process::exit(cli::main_with(cli));
}
