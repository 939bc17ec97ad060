#pragma once
// Builds a DrgCatalog from CHS-DRG tables in the reference export layout
// (mdc, mdc_dx, adrg, adrg_dx, adrg_px, drg, cc_mcc, cc_exclusion, or_px, icd10_dx,
// icd9cm3_px; optional dx_map/px_map), resolving a regional layer over its parent.
#include <memory>

#include "dipdrg/catalog/diagnostic.hpp"
#include "dipdrg/catalog/manifest_io.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::catalog {

struct ImportResult {
    std::shared_ptr<DrgCatalog> catalog;  // null when errors prevented building it
    Diagnostics diagnostics;
};

ImportResult import_chs_drg(const CatalogSource& src);

// Compiles a `px_combo_rule` such as "((g1 and g2) or (g1 and g3 and g4))" into a truth
// table over the 8-bit mask of combo groups hit. Throws std::invalid_argument on bad syntax.
std::array<std::uint64_t, 4> compile_combo_rule(const std::string& rule);

}  // namespace dipdrg::catalog
