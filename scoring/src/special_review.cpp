#include "dipdrg/special_review.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dipdrg {
namespace {
std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
}  // namespace

std::vector<ReviewCandidate> select_review_candidates(const std::vector<ReviewCase>& cases,
                                                      const ReviewPolicy& policy,
                                                      std::size_t pool_discharges) {
    std::vector<ReviewCandidate> out;
    for (const auto& c : cases) {
        ReviewCandidate cand;
        cand.row = c.row;
        if (c.cost_ratio > policy.cost_ratio)
            cand.reasons.push_back("cost " + fmt(c.cost_ratio) + "× the standard (> " + fmt(policy.cost_ratio)
                                   + "×)");
        if (policy.long_stay_days > 0 && c.los_days >= policy.long_stay_days)
            cand.reasons.push_back("stay of " + std::to_string(c.los_days) + " days (≥ "
                                   + std::to_string(policy.long_stay_days) + ")");
        else if (policy.long_stay_ratio > 0 && c.group_avg_los > 0
                 && c.los_days > policy.long_stay_ratio * c.group_avg_los)
            cand.reasons.push_back("stay " + fmt(c.los_days / c.group_avg_los) + "× the group average");
        if (policy.icu_days > 0 && c.icu_days >= policy.icu_days)
            cand.reasons.push_back("ICU " + std::to_string(c.icu_days) + " days");
        if (policy.deaths && c.died) cand.reasons.push_back("death");
        if (policy.new_technology && c.new_technology) cand.reasons.push_back("new drug / technology");
        if (cand.reasons.empty()) continue;
        cand.priority = c.cost_ratio;
        out.push_back(std::move(cand));
    }
    std::stable_sort(out.begin(), out.end(), [](const ReviewCandidate& a, const ReviewCandidate& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.reasons.size() > b.reasons.size();
    });
    const auto cap
        = static_cast<std::size_t>(std::floor(policy.cap_rate * static_cast<double>(pool_discharges) + 1e-9));
    if (out.size() > cap) out.resize(cap);
    return out;
}

}  // namespace dipdrg
