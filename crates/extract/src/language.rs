//! The article's language: the markup's `lang` when given, else the dominant script
//! (Arabic letters against Latin ones; Latin text is told apart by its function words).

/// The language code of an article.
pub(crate) fn detect(declared: Option<&str>, sample: &str) -> String {
    if let Some(code) = declared
        .map(|d| {
            d.trim()
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|c| (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return code;
    }
    let mut arabic = 0usize;
    let mut latin = 0usize;
    for c in sample.chars().take(20_000) {
        if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if arabic >= latin {
        return "ar".to_owned();
    }
    let lower = format!(
        " {} ",
        sample
            .chars()
            .take(20_000)
            .collect::<String>()
            .to_lowercase()
    );
    let count = |words: &[&str]| {
        words
            .iter()
            .map(|w| lower.matches(w).count())
            .sum::<usize>()
    };
    let en = count(&[" the ", " and ", " of ", " is "]);
    let fr = count(&[" le ", " les ", " des ", " est ", " et "]);
    if fr > en {
        "fr".to_owned()
    } else {
        "en".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(detect(Some("ar-MA"), ""), "ar");
        assert_eq!(detect(None, "قال الوزير"), "ar");
        assert_eq!(
            detect(None, "The minister said that the talks were useful."),
            "en"
        );
        assert_eq!(
            detect(
                None,
                "Le ministre a dit que les discussions et des accords."
            ),
            "fr"
        );
    }
}
