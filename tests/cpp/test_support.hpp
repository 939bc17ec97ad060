#pragma once
// Shared helpers for the Catch2 suite: the reference catalog location and a loaded,
// cached catalog per process.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "dipdrg/case_fields.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/drg_grouper.hpp"

namespace dipdrg::testing {

inline std::string source_dir() {
    return DIPDRG_SOURCE_DIR;
}

// ../shared/reference/chs-drg-1.1 beside the checkout, or $DIPDRG_REFERENCE_DIR.
inline std::string reference_dir() {
    if (const char* d = std::getenv("DIPDRG_REFERENCE_DIR"); d && *d) return d;
    return (std::filesystem::path(source_dir()) / ".." / "shared" / "reference" / "chs-drg-1.1")
        .lexically_normal()
        .string();
}
inline bool have_reference() {
    return std::filesystem::exists(reference_dir() + "/adrg.csv");
}

inline std::string demo_catalog_dir() {
    return source_dir() + "/catalogs/chs-drg/000000/1.1-demo";
}

inline std::shared_ptr<const DrgCatalog> reference_catalog() {
    static auto cat = catalog::load_catalog(reference_dir(), "").catalog;
    return cat;
}
inline std::shared_ptr<const DrgCatalog> demo_catalog() {
    static auto cat = catalog::load_catalog(demo_catalog_dir(), "").catalog;
    return cat;
}

// A case from OpenDRG-style fields; lists '|'-joined.
inline Case make_case(std::string sex, std::string age, std::string age_days, std::string weight,
                      std::string dx, std::string px) {
    Case c;
    set_field(c, CaseField::CaseId, "T");
    set_field(c, CaseField::Sex, sex);
    set_field(c, CaseField::Age, age);
    set_field(c, CaseField::AgeDays, age_days);
    set_field(c, CaseField::BirthWeight, weight);
    set_field(c, CaseField::Diagnoses, dx);
    set_field(c, CaseField::Procedures, px);
    return c;
}

}  // namespace dipdrg::testing
