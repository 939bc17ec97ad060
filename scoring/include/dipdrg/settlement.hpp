#pragma once
// Point values and the annual settlement (年度清算) of one fund pool (职工 or 居民): the
// settlement point value, each hospital's fund entitlement, what remains after monthly
// advances, exact to the fen, with hospital amounts that add up to the pool total.
// Spec: dip.md §8; payment-rules.md §1.2.
#include <cstdint>
#include <string>
#include <vector>

#include "dipdrg/money.hpp"

namespace dipdrg {

enum class PointValueBasis : std::uint8_t {
    FundOverRatio,    // PV = (fund budget ÷ fund payment ratio) ÷ total points (DIP 3.0 §5.4)
    FundPlusPatient,  // PV = (fund budget + patient-paid part) ÷ total points (Zhejiang, 台州)
    FundOnly,         // PV = fund budget ÷ total points
};

// One band of a 结余留用 / 合理超支分担 corridor: the part of the difference between the
// entitlement and the item-based fund amount up to `up_to` × entitlement, of which the
// hospital keeps (surplus) or the fund bears (overspend) `share`.
struct CorridorBand {
    double up_to = 0;  // cumulative, as a share of the entitlement; <= 0 = no limit
    double share = 0;
};

struct SettlementPolicy {
    std::string name = "dip-3.0";
    PointValueBasis basis = PointValueBasis::FundOverRatio;
    double fund_payment_ratio = 1.0;  // r: booked fund ÷ total medical cost of the pool's cases
    // Elastic (弹性) point value: each hospital's points up to its base volume are paid at
    // `fixed_point_value`; the rest share what the budget leaves, at a floating value.
    bool elastic = false;
    double fixed_point_value = 0;
    // Corridors, applied when a hospital's item-based fund amount is given.
    std::vector<CorridorBand> surplus_bands;    // empty: the hospital keeps the whole surplus
    std::vector<CorridorBand> overspend_bands;  // empty: the fund bears none of the overspend
};

struct HospitalInput {
    std::string hospital;
    double points = 0;        // P_h: the hospital's case points of the year
    Fen patient_paid = 0;     // patient-paid part of its stays (FundPlusPatient basis)
    double assessment = 1.0;  // 考核系数 A_h
    Fen deductions = 0;       // audit deductions D_h
    Fen advances = 0;         // monthly advances already paid
    double base_points = 0;   // elastic point value: the base volume paid at the fixed value
    Fen item_fund = -1;       // fund amount the stays would cost under item-based payment (-1 = none)
};

struct HospitalSettlement {
    std::string hospital;
    double points = 0;
    Fen entitlement = 0;   // DIP/DRG entitlement for the year
    Fen payment = 0;       // after the surplus/overspend corridors (= entitlement without them)
    Fen balance = 0;       // payment − advances: paid (> 0) or recovered (< 0) at clearing
    std::string corridor;  // how the corridor applied ("" when not)
};

struct PoolSettlement {
    double point_value = 0;  // yuan per point (the floating value when elastic)
    Fen total_entitlement = 0;
    std::vector<HospitalSettlement> hospitals;  // in input order
};

// PV from the pool's budget and points (see PointValueBasis).
double settlement_point_value(const SettlementPolicy& policy, Fen fund_budget, Fen patient_paid,
                              double total_points);

// Fund_h = P_h · PV · r · A_h − D_h (FundOverRatio), P_h · PV · A_h − patient_h − D_h
// (FundPlusPatient) or P_h · PV · A_h − D_h (FundOnly). Amounts are apportioned to the fen
// by largest remainder, so they add up exactly to the rounded pool total.
// Throws std::invalid_argument for a non-positive budget or total points.
PoolSettlement settle_pool(const SettlementPolicy& policy, Fen fund_budget,
                           const std::vector<HospitalInput>& hospitals);

// 结余留用 / 合理超支分担: the payment for an entitlement and the item-based fund amount.
Fen apply_corridors(Fen entitlement, Fen item_fund, const SettlementPolicy& policy,
                    std::string* how = nullptr);

// Splits `total` fen over `weights` in proportion, to the fen, with the remainders going to
// the largest fractional parts (ties to the earlier entry): the parts always sum to total.
std::vector<Fen> apportion(Fen total, const std::vector<double>& exact_amounts);

// Monthly advance (月度预拨): (monthly points × monthly PV − patient payments) × advance
// ratio − deductions, to the fen (dip.md §8; the draft keeps 10 %, 经办规程 at most 5 %).
Fen monthly_advance(double points, double point_value, Fen patient_paid, double advance_ratio,
                    Fen deductions);

// Budget point value from several years of history with weights (1:2:7 for three years):
// Σ w_y · cost_y ÷ Σ w_y · points_y.
double budget_point_value(const std::vector<double>& costs, const std::vector<double>& points,
                          const std::vector<double>& weights);

}  // namespace dipdrg
