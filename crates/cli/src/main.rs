//! The `factline` binary: hands its arguments to [`factline_cli::run`].

fn main() {
    let code = factline_cli::run(std::env::args(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}
