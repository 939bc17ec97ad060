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

struct SettlementPolicy {
    std::string name = "dip-3.0";
    PointValueBasis basis = PointValueBasis::FundOverRatio;
    double fund_payment_ratio = 1.0;  // r: booked fund ÷ total medical cost of the pool's cases
};

struct HospitalInput {
    std::string hospital;
    double points = 0;        // P_h: the hospital's case points of the year
    Fen patient_paid = 0;     // patient-paid part of its stays (FundPlusPatient basis)
    double assessment = 1.0;  // 考核系数 A_h
    Fen deductions = 0;       // audit deductions D_h
    Fen advances = 0;         // monthly advances already paid
};

struct HospitalSettlement {
    std::string hospital;
    double points = 0;
    Fen entitlement = 0;  // fund payable for the year
    Fen balance = 0;      // entitlement − advances: paid (> 0) or recovered (< 0) at clearing
};

struct PoolSettlement {
    double point_value = 0;  // yuan per point
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
