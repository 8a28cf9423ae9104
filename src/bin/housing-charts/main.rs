//! `housing-charts render SPEC.json -o OUT.svg|OUT.png`: the command-line
//! renderer (`args` reads the command line, `shell` runs it over
//! `housing_charts::raster`). Native only, like the `cli` crates: built for
//! wasm32 (`cargo test --target wasm32-unknown-unknown` builds every binary)
//! it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod shell;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    shell::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
