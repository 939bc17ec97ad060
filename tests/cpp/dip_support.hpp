#pragma once
// Shared helpers for the DIP tests: where the national DIP 3.0 reference tables are, the
// national catalog loaded once per process, the policy presets, crafted own-layout
// catalogs in a scratch directory, and a one-call "group this case" helper.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "dipdrg/case_fields.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/catalog/dip_check.hpp"
#include "dipdrg/catalog/dip_import.hpp"
#include "dipdrg/dip_grouper.hpp"
#include "temp_dir.hpp"

// Ends the current test case with a warning when the national tables are absent.
#define DIP_REQUIRE_REFERENCE()                                                                            \
    do {                                                                                                   \
        if (!::dipdrg::testing::have_dip_reference()) {                                                    \
            WARN("skipped: DIP reference tables not found at " << ::dipdrg::testing::dip_reference_dir()); \
            return;                                                                                        \
        }                                                                                                  \
    } while (0)

namespace dipdrg::testing {

inline std::string dip_source_dir() {
    return DIPDRG_SOURCE_DIR;
}

// ../shared/reference/dip-3.0 beside the checkout, or $DIPDRG_DIP_REFERENCE_DIR.
inline std::string dip_reference_dir() {
    if (const char* d = std::getenv("DIPDRG_DIP_REFERENCE_DIR"); d && *d) return d;
    return (std::filesystem::path(dip_source_dir()) / ".." / "shared" / "reference" / "dip-3.0")
        .lexically_normal()
        .string();
}
inline bool have_dip_reference() {
    return std::filesystem::exists(dip_reference_dir() + "/base_groups.csv")
           && std::filesystem::exists(dip_reference_dir() + "/pre_groups.csv");
}

// The national catalog, compiled once per process (no snapshot cache).
inline std::shared_ptr<const DipCatalog> dip_national_catalog() {
    static auto cat = catalog::load_dip_catalog(dip_reference_dir(), "").catalog;
    return cat;
}

// A policy preset from catalogs/dip/policies/<name>.json.
inline DipPolicy dip_preset(const std::string& name) {
    std::ifstream in(dip_source_dir() + "/catalogs/dip/policies/" + name + ".json", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return catalog::parse_dip_policy_json(text);
}

// A case with diagnoses and procedures ('|'-joined, principal first); set other fields with
// set_field.
inline Case dip_case(const std::string& dx, const std::string& px = "") {
    Case c;
    set_field(c, CaseField::CaseId, "T");
    set_field(c, CaseField::Diagnoses, dx);
    set_field(c, CaseField::Procedures, px);
    return c;
}

struct DipRun {
    DipResult result;
    std::string code;
    Trace trace;
};
inline DipRun dip_run(const DipGrouper& g, const Case& c) {
    DipRun out;
    out.result = g.group(c, &out.trace);
    out.code = g.group_code(out.result);
    return out;
}
inline DipRun dip_run(const DipGrouper& g, const std::string& dx, const std::string& px = "") {
    return dip_run(g, dip_case(dx, px));
}

// The trace events of one kind.
inline std::vector<TraceEvent> dip_events(const Trace& trace, TraceKind kind) {
    std::vector<TraceEvent> out;
    for (const auto& e : trace)
        if (e.kind == kind) out.push_back(e);
    return out;
}

// Diagnostics with a given check id.
inline std::size_t count_check(const catalog::Diagnostics& d, const std::string& check,
                               catalog::Diagnostic::Severity sev) {
    std::size_t n = 0;
    for (const auto& x : d) n += x.check == check && x.severity == sev;
    return n;
}

// An own-layout DIP catalog written into a scratch directory (no manifest.json, so no
// checksums apply) and compiled.
struct CraftedDip {
    TempDir dir;
    catalog::CompiledDipCatalog compiled;
    // `tables`: file name → content (e.g. {"groups.csv", "code,name,kind\n..."}).
    explicit CraftedDip(const std::vector<std::pair<std::string, std::string>>& tables) {
        for (const auto& [name, content] : tables) dir.write(name, content);
        compiled = catalog::compile_dip_catalog(dir.path.string());
    }
    std::shared_ptr<const DipCatalog> catalog() const { return compiled.catalog; }
};

}  // namespace dipdrg::testing
