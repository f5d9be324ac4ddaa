//! Prints dom_smoothie's article HTML for one page: `cargo run --release --example raw -- PAGE.html`.
fn main() {
    let path = std::env::args().nth(1).expect("a page");
    let html = std::fs::read_to_string(&path).expect("readable");
    let mut reader = dom_smoothie::Readability::new(html, None, None).expect("parsed");
    println!("{}", reader.parse().expect("article").content);
}
