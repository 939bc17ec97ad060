#pragma once
// The per-mode settlement handlers behind reimburse(). Internal to scoring/.
#include "patient_split.hpp"

namespace dipdrg::detail {

// Fee for service, DRG, DIP, day surgery: the patient split, and the hospital paid the
// case payment when there is one.
void settle_ordinary(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                     Tracer& trace);
void settle_day_ward(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                     Tracer& trace);
void settle_per_disease(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                        Tracer& trace);
void settle_bed_day(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                    Tracer& trace);

Fen total_cost_of(const SettlementCase& c);
bool newly_designated(const ReimbursementPolicy& policy, const SettlementCase& c);

}  // namespace dipdrg::detail
