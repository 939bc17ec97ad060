// §2 TCM day ward: a course is one settlement; eligibility rules, bed and nursing fee cuts,
// the course deductible mode, a per-course cap and own ratios, then the usual overlays.
#include <algorithm>

#include "mode_handlers.hpp"

namespace dipdrg::detail {
namespace {

bool disease_listed(const DayWardRules& rules, const SettlementCase& c) {
    if (rules.diseases.empty()) return true;
    for (const auto& d : rules.diseases) {
        if (!c.tcm_disease.empty()
            && (c.tcm_disease == d.category
                || std::find(d.names.begin(), d.names.end(), c.tcm_disease) != d.names.end()))
            return true;
        for (const auto& prefix : d.code_prefixes)
            if (!c.principal_dx.empty() && c.principal_dx.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
}

// Every broken rule, named; empty when the course qualifies.
std::vector<std::string> violations(const DayWardRules& rules, const SettlementCase& c) {
    std::vector<std::string> broken;
    if (!disease_listed(rules, c))
        broken.push_back("DW-disease: " + (c.tcm_disease.empty() ? c.principal_dx : c.tcm_disease)
                         + " is not on the day-ward disease list");
    if (rules.max_course_days > 0 && c.course_days > rules.max_course_days)
        broken.push_back("DW-days: course of " + std::to_string(c.course_days) + " days exceeds "
                         + std::to_string(rules.max_course_days));
    if (rules.max_gap_days > 0 && c.max_gap_days > rules.max_gap_days)
        broken.push_back("DW-gap: gap of " + std::to_string(c.max_gap_days)
                         + " days between treatments exceeds " + std::to_string(rules.max_gap_days));
    if (rules.acupuncture_dominance && c.acupuncture_cost <= c.other_tcm_therapy_cost)
        broken.push_back("DW-acupuncture: acupuncture-type charges " + yuan(c.acupuncture_cost)
                         + " do not exceed other TCM therapy " + yuan(c.other_tcm_therapy_cost));
    if (rules.no_western_drug && (c.western_drug_cost > 0 || c.iv_infusion))
        broken.push_back(
            std::string("DW-western: ")
            + (c.iv_infusion ? "intravenous infusion used" : "Western drugs " + yuan(c.western_drug_cost)));
    return broken;
}

}  // namespace

void settle_day_ward(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                     Tracer& trace) {
    if (!policy.day_ward) {
        out.status = ReimbursementStatus::BadInput;
        out.message = "policy " + policy.name + " has no TCM day-ward rules";
        return;
    }
    const DayWardRules& rules = *policy.day_ward;
    Fen total = total_cost_of(c);
    if (auto broken = violations(rules, c); !broken.empty()) {
        std::string message;
        for (const auto& b : broken) {
            trace.add(b.substr(0, b.find(':')), b.substr(b.find(':') + 2));
            message += (message.empty() ? "" : "; ") + b;
        }
        if (rules.on_violation == DayWardRules::OnViolation::SettleAsInpatient) {
            trace.add("DW", "settled as an ordinary inpatient stay");
            SettlementCase inpatient = c;
            inpatient.mode = SettlementMode::FeeForService;
            settle_ordinary(policy, inpatient, out, trace);
            out.settled_as = SettlementMode::FeeForService;
        } else {
            out.total_cost = total;
            out.patient = total;
            out.hospital_payment = total;
        }
        if (out.status == ReimbursementStatus::Ok) {
            out.status = ReimbursementStatus::DayWardNotEligible;
            out.message = message;
        }
        return;
    }

    // Bed and nursing fees are charged at the day-ward fraction.
    std::vector<CostSegment> segments = c.segments;
    if (rules.fee_factor < kFullBp && c.bed_fee + c.nursing_fee > 0) {
        const Fen full = c.bed_fee + c.nursing_fee;
        Fen cut = full - apply_ratio(full, rules.fee_factor);
        trace.add("DW-fees", "bed and nursing " + yuan(full) + " charged at " + pct(rules.fee_factor) + ": −"
                                 + yuan(cut));
        total -= cut;
        for (auto& s : segments) {
            const Fen take = std::min(cut, s.eligible);
            s.eligible -= take;
            s.tcm_eligible = std::min(s.tcm_eligible, s.eligible);
            cut -= take;
        }
    }
    SplitAdjust adjust;
    switch (rules.deductible_mode) {
        case DayWardRules::DeductibleMode::InpatientLadder:
            adjust.deductible = SplitAdjust::Deductible::Ladder;
            break;
        case DayWardRules::DeductibleMode::FractionOfInpatient:
            adjust.deductible = SplitAdjust::Deductible::FractionOfFirst;
            adjust.deductible_fraction = rules.deductible_fraction;
            break;
        case DayWardRules::DeductibleMode::None:
            adjust.deductible = SplitAdjust::Deductible::None;
            break;
    }
    if (auto it = rules.ratio_override.find(c.insurance); it != rules.ratio_override.end()) {
        adjust.base_ratio = it->second;
        trace.add("DW-ratio", "day-ward ratio " + pct(it->second));
    }
    adjust.eligible_cap = rules.course_cap;
    split_patient(policy, c, segments, total, adjust, out, trace);
    if (out.status != ReimbursementStatus::Ok) return;
    Fen layers = 0;
    for (const auto& l : out.layers) layers += l.paid;
    out.hospital_payment = total;
    out.hospital_fund_payment = out.fund + layers;
    out.hospital_balance = 0;
}

}  // namespace dipdrg::detail
