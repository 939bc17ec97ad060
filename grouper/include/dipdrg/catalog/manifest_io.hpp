#pragma once
// manifest.json of a catalog directory: identity, effective dates, per-table sha256, options.
#include <optional>
#include <string>

#include "dipdrg/dip_policy.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::catalog {

struct CatalogSource {
    Manifest manifest;     // manifest.scheme is "chs-drg" or "dip"
    DrgOptions options;    // CHS-DRG
    DipPolicy dip_policy;  // DIP: matching and tie-break policy
    bool dip_translate = false;
    std::vector<std::string> quiet_fallthrough_mdcs;
    std::string dir;         // the catalog directory
    std::string parent_dir;  // resolved base catalog directory ("" when none)
};

// Reads `dir/manifest.json`; a directory without one (the reference export layout) gets a
// synthesized manifest whose checksums are computed from the CSV files present.
// Throws std::runtime_error when a listed table is missing or its checksum differs.
CatalogSource read_catalog_source(const std::string& dir);

// sha256 over the tables' names and checksums and the options: the catalog's identity.
std::string catalog_digest(const CatalogSource& src);

}  // namespace dipdrg::catalog
