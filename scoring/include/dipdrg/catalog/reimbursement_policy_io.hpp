#pragma once
// Reimbursement policies as data (catalogs/reimbursement/): a JSON file per city and
// version, tables beside it as CSV, and reusable section presets (day ward, bed day,
// per-disease, TCM DIP score) referenced by relative path. "extends" layers a policy on a
// base: the child's top-level fields replace the base's.
#include <map>
#include <string>

#include "dipdrg/reimbursement/policy.hpp"

namespace dipdrg::catalog {

// Reads a policy file. `sections` replaces whole sections by preset files, e.g.
// {"day_ward": "catalogs/reimbursement/day-ward/qingdao.json"}. Throws std::runtime_error
// naming the file and field for anything malformed or unknown.
ReimbursementPolicy load_reimbursement_policy(const std::string& path,
                                              const std::map<std::string, std::string>& sections = {});

// The same from JSON text; relative table paths resolve against `base_dir`.
ReimbursementPolicy parse_reimbursement_policy_json(const std::string& json_text,
                                                    const std::string& base_dir);

}  // namespace dipdrg::catalog
