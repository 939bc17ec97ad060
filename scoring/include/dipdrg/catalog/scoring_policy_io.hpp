#pragma once
// DIP scoring policies as JSON data (catalogs/dip/scoring/*.json): thresholds and formula
// variants of a pool, versioned by region and effective date.
#include <string>

#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/drg_case_score.hpp"

namespace dipdrg::catalog {

// Throws std::runtime_error naming an unknown field or value.
DipScoringPolicy parse_dip_scoring_policy_json(const std::string& json_text);

// A CHS-DRG payment policy: method, low ratio, high-ratio tiers, α, readmission factor.
DrgPaymentPolicy parse_drg_payment_policy_json(const std::string& json_text);

}  // namespace dipdrg::catalog
