//! Prints redliner's extraction of one page: `cargo run --release --example show -- PAGE.html`.
fn main() {
    let path = std::env::args().nth(1).expect("a page");
    let html = std::fs::read_to_string(&path).expect("readable");
    match redliner::extract::extract(&path, &html, None) {
        Ok(page) => println!("{}", page.text),
        Err(e) => eprintln!("error: {e}"),
    }
}
