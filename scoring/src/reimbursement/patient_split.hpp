#pragma once
// The fund/patient split of one settlement on fee-for-service eligible amounts
// (payment-rules.md §5.3), with every overlay the policy turns on. Internal to scoring/.
#include <optional>

#include "dipdrg/reimbursement/policy.hpp"

namespace dipdrg::detail {

// What a mode handler changes before the split.
struct SplitAdjust {
    enum class Deductible : std::uint8_t { Ladder, FractionOfFirst, None };
    Deductible deductible = Deductible::Ladder;
    Bp deductible_fraction = kFullBp;
    std::optional<Bp> base_ratio;     // replaces the ratio table (day ward 青岛, bed-day)
    std::optional<Fen> eligible_cap;  // per-course cap on eligible cost
};

class Tracer {
public:
    explicit Tracer(std::vector<RuleTrace>* out) : out_(out) {}
    bool on() const { return out_ != nullptr; }
    void add(std::string rule, std::string detail) {
        if (out_) out_->push_back({std::move(rule), std::move(detail)});
    }

private:
    std::vector<RuleTrace>* out_;
};

// Fills deductible, fund, layers, patient, segment ratios and fund; sets status on data
// problems. `segments` may differ from c.segments (day-ward fee cuts).
void split_patient(const ReimbursementPolicy& policy, const SettlementCase& c,
                   const std::vector<CostSegment>& segments, Fen total_cost, const SplitAdjust& adjust,
                   ReimbursementResult& out, Tracer& trace);

// The base ratio bands for a person at a level, most specific row first; nullptr if none.
const RatioRow* find_ratio_row(const std::vector<RatioRow>& rows, int level, Insurance insurance,
                               PersonStatus status);

std::string yuan(Fen fen);
std::string pct(Bp bp);

}  // namespace dipdrg::detail
