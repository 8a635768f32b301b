//! The `factline` binary: hands its arguments, as the operating system gave them, to
//! [`factline_cli::run`], with mimalloc as the allocator (see `Cargo.toml`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = factline_cli::run(std::env::args_os(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}
