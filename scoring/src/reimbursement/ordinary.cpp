// Fee for service, DRG, DIP and day surgery: the patient's side on fee-for-service amounts;
// the hospital is paid its case payment (DRG/DIP/per-disease) or its charges.
#include "mode_handlers.hpp"

namespace dipdrg::detail {

void settle_ordinary(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                     Tracer& trace) {
    const Fen total = total_cost_of(c);
    split_patient(policy, c, c.segments, total, SplitAdjust{}, out, trace);
    if (out.status != ReimbursementStatus::Ok) return;
    Fen layers = 0;
    for (const auto& l : out.layers) layers += l.paid;
    if (c.case_payment && c.mode != SettlementMode::FeeForService) {
        out.hospital_payment = *c.case_payment;
        out.hospital_fund_payment = *c.case_payment - out.patient;
        trace.add("hospital", std::string(settlement_mode_name(c.mode)) + " case payment "
                                  + yuan(*c.case_payment) + ": funds pay " + yuan(out.hospital_fund_payment)
                                  + " after the patient's " + yuan(out.patient));
    } else {
        out.hospital_payment = total;
        out.hospital_fund_payment = out.fund + layers;
    }
    out.hospital_balance = out.hospital_payment - total;
}

}  // namespace dipdrg::detail
