//! Mounts the app; everything else is in the library so tests can render it.

fn main() {
    factline_web::mount();
}
