//! Marsad's news taxonomy: the sections an Arabic reader knows from news sites, and how the
//! labels of the training corpora map onto it.
//!
//! | code | Arabic | ANT v1.1 (Jawhara FM, Tunisia) | ANT v2.1 (5 pan-Arab outlets) |
//! |---|---|---|---|
//! | `politics` | سياسة | `politic` | — |
//! | `world` | دولي | `internationalNews` | `internationalNews` |
//! | `middle_east` | الشرق الأوسط والعالم العربي | — | `middleEast` |
//! | `local` | محلي | `localNews` | — |
//! | `economy` | اقتصاد | `economy` | `economy` |
//! | `sport` | رياضة | `sport` | `sport` |
//! | `culture` | ثقافة وفن | `culture` | `culture` |
//! | `technology` | تكنولوجيا | `technology` | `technology` |
//! | `society` | مجتمع | `society` | — |
//! | `misc` | منوعات | `diverse` | — |
//!
//! `politic` and `localNews` in v1.1 are Tunisian national politics and national news; they
//! keep their own sections rather than being folded into `middle_east`, which in v2.1 is
//! regional news seen from the Gulf and Europe.

/// One section of the taxonomy: a stable code and its Arabic name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Section {
    /// Stable snake_case code, stored in models and output (`middle_east`).
    pub code: &'static str,
    /// The name shown to readers (`الشرق الأوسط والعالم العربي`).
    pub arabic: &'static str,
}

/// Every section, in display order.
pub const SECTIONS: [Section; 10] = [
    Section {
        code: "politics",
        arabic: "سياسة",
    },
    Section {
        code: "world",
        arabic: "دولي",
    },
    Section {
        code: "middle_east",
        arabic: "الشرق الأوسط والعالم العربي",
    },
    Section {
        code: "local",
        arabic: "محلي",
    },
    Section {
        code: "economy",
        arabic: "اقتصاد",
    },
    Section {
        code: "sport",
        arabic: "رياضة",
    },
    Section {
        code: "culture",
        arabic: "ثقافة وفن",
    },
    Section {
        code: "technology",
        arabic: "تكنولوجيا",
    },
    Section {
        code: "society",
        arabic: "مجتمع",
    },
    Section {
        code: "misc",
        arabic: "منوعات",
    },
];

/// The taxonomy section of an ANT corpus label (v1.1 or v2.1, exact spelling), per the table
/// in this module's doc; `None` for a label the table does not know.
///
/// ```
/// use marsad_analyze::taxonomy_of;
/// assert_eq!(taxonomy_of("middleEast").map(|s| s.arabic), Some("الشرق الأوسط والعالم العربي"));
/// assert_eq!(taxonomy_of("weather"), None);
/// ```
pub fn taxonomy_of(corpus_label: &str) -> Option<Section> {
    let code = match corpus_label {
        "politic" => "politics",
        "internationalNews" => "world",
        "middleEast" => "middle_east",
        "localNews" => "local",
        "economy" => "economy",
        "sport" => "sport",
        "culture" => "culture",
        "technology" => "technology",
        "society" => "society",
        "diverse" => "misc",
        _ => return None,
    };
    section(code)
}

/// The section with this code.
pub fn section(code: &str) -> Option<Section> {
    SECTIONS.iter().copied().find(|s| s.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_corpus_label_maps() {
        for label in [
            "localNews",
            "sport",
            "internationalNews",
            "society",
            "politic",
            "diverse",
            "economy",
            "culture",
            "technology",
            "middleEast",
        ] {
            let s = taxonomy_of(label).unwrap_or_else(|| panic!("{label} unmapped"));
            assert_eq!(section(s.code), Some(s));
        }
    }
}
