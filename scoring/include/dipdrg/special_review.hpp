#pragma once
// 特例单议 (special-case review): candidates by the policy's criteria, ranked, and limited
// to the pool's cap (DIP ≤ 5‰ of the pool's discharges, DRG ≤ 5 %), allocated across the
// pool rather than per hospital. Spec: dip.md §7.
#include <cstdint>
#include <string>
#include <vector>

namespace dipdrg {

struct ReviewPolicy {
    double cap_rate = 0.005;  // share of the pool's discharges (DIP 5‰; DRG 0.05)
    double cost_ratio = 2.0;  // cost above this multiple of the standard
    std::int32_t long_stay_days = 60;
    double long_stay_ratio = 0;  // or LOS above this multiple of the group's average LOS (0 = off)
    std::int32_t icu_days = 7;   // ICU stay of at least this many days (0 = off)
    bool deaths = true;          // 死亡 (离院方式 5)
    bool new_technology = true;  // new drugs / consumables / technology flagged on the case
};

struct ReviewCase {
    std::size_t row = 0;    // position in the caller's table
    double cost_ratio = 0;  // C / standard
    std::int32_t los_days = 0;
    double group_avg_los = 0;
    std::int32_t icu_days = 0;
    bool died = false;
    bool new_technology = false;
};

struct ReviewCandidate {
    std::size_t row = 0;
    double priority = 0;  // higher first
    std::vector<std::string> reasons;
};

// Candidates meeting at least one criterion, ranked by cost ratio (then the number of
// reasons, then row order), at most floor(cap_rate × pool_discharges) of them.
std::vector<ReviewCandidate> select_review_candidates(const std::vector<ReviewCase>& cases,
                                                      const ReviewPolicy& policy,
                                                      std::size_t pool_discharges);

}  // namespace dipdrg
