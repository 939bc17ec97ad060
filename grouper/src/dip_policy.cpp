#include "dipdrg/dip_policy.hpp"

namespace dipdrg {
namespace {
constexpr const char* kNames[]
    = {"non_conservative", "exact",        "related_count", "contains_principal", "matched_count",
       "closest_cost",     "higher_score", "type_priority", "dx_specificity"};
}

const char* tie_break_code(TieBreak t) {
    return kNames[static_cast<std::size_t>(t)];
}

bool parse_tie_break(const std::string& text, TieBreak& out) {
    for (std::size_t i = 0; i < std::size(kNames); ++i)
        if (text == kNames[i]) {
            out = static_cast<TieBreak>(i);
            return true;
        }
    return false;
}

}  // namespace dipdrg
