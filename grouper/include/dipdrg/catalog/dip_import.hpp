#pragma once
// Builds a DipCatalog from either the project's own DIP table layout (groups, rules,
// exclusions, attributes, comprehensive, grassroots, aux) or the national DIP 3.0 rule
// tables (pre/merge/burn/tumour/tb/base groups, exclusion lists, 基层病种).
#include <boost/property_tree/ptree_fwd.hpp>
#include <memory>
#include <string>

#include "dipdrg/catalog/diagnostic.hpp"
#include "dipdrg/catalog/manifest_io.hpp"
#include "dipdrg/dip_catalog.hpp"
#include "dipdrg/dip_grouper.hpp"

namespace dipdrg::catalog {

struct DipImportResult {
    std::shared_ptr<DipCatalog> catalog;  // null when errors prevented building it
    Diagnostics diagnostics;
};

// True when `dir` holds the national DIP 3.0 rule tables (base_groups.csv, pre_groups.csv).
bool is_dip_national_layout(const std::string& dir);

DipImportResult import_dip(const CatalogSource& src);

// dx_map.csv / px_map.csv (input_code, grouper_code) from a directory such as the CHS-DRG
// reference tables; throws std::runtime_error when neither exists.
CodeTranslation read_code_translation(const std::string& dir);

// A tie-break/matching policy from JSON (an object with the DipPolicy fields); throws
// std::runtime_error naming the bad field.
DipPolicy parse_dip_policy(const boost::property_tree::ptree& tree);
DipPolicy parse_dip_policy_json(const std::string& json_text);

}  // namespace dipdrg::catalog
