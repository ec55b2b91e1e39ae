//! Print the extraction of page files as JSON (development aid).
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match marsad_extract::extract(&bytes, &marsad_extract::Options::default()) {
            Ok(x) => {
                println!("== {path}");
                println!(
                    "{}",
                    serde_json::to_string_pretty(&x.article).unwrap_or_default()
                );
                println!("warnings: {:?}", x.warnings);
            }
            Err(e) => println!("== {path}: {e}"),
        }
    }
}
