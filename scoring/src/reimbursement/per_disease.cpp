// §3 TCM advantaged diseases paid per disease: one standard per case whatever the
// treatment; exclusions fall back to DRG/DIP. Also §1.5, a TCM case's DIP score.
#include <algorithm>

#include "dipdrg/reimbursement/reimburse.hpp"
#include "mode_handlers.hpp"

namespace dipdrg::detail {
namespace {

const PerDiseaseStandard* find_standard(const PerDiseaseRules& rules, const SettlementCase& c) {
    const PerDiseaseStandard* best = nullptr;
    for (const auto& d : rules.diseases) {
        const bool hit = (!c.tcm_disease.empty() && c.tcm_disease == d.code_prefix)
                         || (!c.principal_dx.empty()
                             && c.principal_dx.compare(0, d.code_prefix.size(), d.code_prefix) == 0);
        if (!hit || (d.level != 0 && d.level != c.level)) continue;
        if (!best || (d.level != 0 && best->level == 0) || d.code_prefix.size() > best->code_prefix.size())
            best = &d;
    }
    return best;
}

std::string exclusion(const PerDiseaseRules& rules, const PerDiseaseStandard& d, const SettlementCase& c,
                      Fen total) {
    if (rules.exclude_not_cured && !c.cured) return "efficacy not reached (not cured)";
    if (rules.exclude_above_western && d.western_standard && total > *d.western_standard)
        return "cost " + yuan(total) + " above the Western standard " + yuan(*d.western_standard);
    if (rules.exclude_readmission_days > 0 && c.days_since_last_discharge
        && *c.days_since_last_discharge <= rules.exclude_readmission_days && c.same_principal_dx_as_last)
        return "readmitted within " + std::to_string(rules.exclude_readmission_days)
               + " days with the same principal diagnosis";
    if (rules.exclude_special_review && c.special_review) return "taken to special review (特例单议)";
    return {};
}

}  // namespace

void settle_per_disease(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                        Tracer& trace) {
    if (!policy.per_disease) {
        // No per-disease standards in this policy: an ordinary 按病种 settlement, the patient's
        // side on fee-for-service amounts and the hospital paid the case payment if given.
        settle_ordinary(policy, c, out, trace);
        return;
    }
    const PerDiseaseRules& rules = *policy.per_disease;
    const Fen total = total_cost_of(c);
    const PerDiseaseStandard* d = find_standard(rules, c);
    std::string why
        = d ? exclusion(rules, *d, c, total)
            : (c.tcm_disease.empty() ? c.principal_dx : c.tcm_disease) + " is not a per-disease disease";
    if (!why.empty()) {
        SettlementCase fallback = c;
        fallback.mode = rules.fallback;
        trace.add("PD-fallback", why + "; settled as " + settlement_mode_name(rules.fallback));
        settle_ordinary(policy, fallback, out, trace);
        out.settled_as = rules.fallback;
        if (out.status == ReimbursementStatus::Ok) {
            out.status
                = d ? ReimbursementStatus::PerDiseaseFallback : ReimbursementStatus::PerDiseaseNotListed;
            out.message = why;
        }
        return;
    }
    trace.add("PD", d->name + ": standard " + yuan(d->standard)
                        + " per case, the same for TCM and Western treatment");
    SplitAdjust adjust;
    if (!rules.deductible) adjust.deductible = SplitAdjust::Deductible::None;
    if (rules.patient_basis == PerDiseaseRules::PatientBasis::Standard) {
        // The patient's share is computed on the standard, as if it were the eligible amount.
        std::vector<CostSegment> one{{c.segments.front().department, d->standard, 0}};
        split_patient(policy, c, one, d->standard, adjust, out, trace);
    } else {
        split_patient(policy, c, c.segments, total, adjust, out, trace);
    }
    if (out.status != ReimbursementStatus::Ok) return;
    out.total_cost = total;
    out.hospital_payment = d->standard;
    out.hospital_fund_payment = d->standard - out.patient;
    out.hospital_balance = d->standard - total;
}

}  // namespace dipdrg::detail

namespace dipdrg {

double tcm_dip_score(const TcmDipScoreRules& rules, double own_score, std::optional<double> western_score,
                     Fen tcm_operation_cost, const std::vector<std::string>& procedures, double scale,
                     std::vector<RuleTrace>* trace) {
    detail::Tracer t(trace);
    if (rules.western_score && western_score) {
        t.add("TCM-score", "TCM case takes the Western disease's score " + std::to_string(*western_score));
        return *western_score;
    }
    double advantaged = own_score;
    if (rules.min_fraction_of_western && western_score)
        advantaged = std::max(own_score, *rules.min_fraction_of_western * *western_score);
    double characteristic = own_score;
    if (!rules.characteristic_points.empty() && tcm_operation_cost >= rules.characteristic_min_cost) {
        double best = 0;
        for (const auto& p : procedures)
            if (auto it = rules.characteristic_points.find(p); it != rules.characteristic_points.end())
                best = std::max(best, it->second);
        characteristic = own_score + best * scale / rules.score_scale;
    }
    const double score = std::max(advantaged, characteristic);
    if (score > own_score)
        t.add("TCM-score",
              std::string(advantaged >= characteristic ? "advantaged disease: raised toward the Western score"
                                                       : "characteristic TCM operation: points added")
                  + " " + std::to_string(own_score) + " → " + std::to_string(score));
    return score;
}

}  // namespace dipdrg
