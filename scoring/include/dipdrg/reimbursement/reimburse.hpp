#pragma once
// One entry point settles a case whatever its mode and returns fund, patient and hospital
// amounts with the rules applied (payment-rules.md §2–§5). The patient's side is always
// computed on fee-for-service eligible amounts; the mode decides what the hospital is paid.
#include <string>
#include <vector>

#include "dipdrg/reimbursement/policy.hpp"

namespace dipdrg {

// Never throws for data problems: they come back as a status and message.
ReimbursementResult reimburse(const ReimbursementPolicy& policy, const SettlementCase& c,
                              bool with_trace = false);

// §1.5: a TCM case's DIP score under 邢台 (the Western disease's score) and 河北 (raised to a
// fraction of it, or +points for characteristic TCM operations; the higher uplift wins).
// `scale` is the catalog's K (100 or 1000); the rule points are on a 100-point scale.
double tcm_dip_score(const TcmDipScoreRules& rules, double own_score, std::optional<double> western_score,
                     Fen tcm_operation_cost, const std::vector<std::string>& procedures, double scale,
                     std::vector<RuleTrace>* trace = nullptr);

// §4 day counters: the stays of one year, any order. A readmission for the same person and
// scope within `link_gap_days` of the previous discharge continues the counter; a new
// calendar year restarts it when `reset_by_year`. Dates are YYYY-MM-DD; LOS counts the
// admission day and not the discharge day (a same-day stay counts 1).
struct BedDayStay {
    std::string person;
    std::string scope;
    std::string admission;
    std::string discharge;
};
struct BedDayCounter {
    int los = 0;
    int days_before = 0;
    int days_in_next_year = 0;
    bool valid = true;  // false: unreadable dates or discharge before admission
};
std::vector<BedDayCounter> bed_day_counters(const std::vector<BedDayStay>& stays, int link_gap_days,
                                            bool reset_by_year);

// Days since 1970-01-01 for a YYYY-MM-DD date; nullopt if unreadable.
std::optional<int> parse_civil_date(std::string_view text);

}  // namespace dipdrg
