#pragma once
// A reimbursement policy (payment-rules.md §7 "patient" and "TCM"/"bed-day" parts): base
// deductibles and ratios plus the seed cities' overlays, each an optional parameter block.
// Every block defaults to "not in force", so the national rule is the plain base table.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dipdrg/reimbursement/settlement_case.hpp"

namespace dipdrg {

// 起付标准 by level (0 = any), insurance and status (absent = any); by_nth[i] is the (i+1)-th
// stay's deductible, the last entry repeating.
struct DeductibleRow {
    int level = 0;
    std::optional<Insurance> insurance;
    std::optional<PersonStatus> status;
    std::vector<Fen> by_nth;
};

struct RatioBand {
    Fen from = 0;  // lower bound on the eligible-cost axis
    Bp ratio = 0;
};

struct RatioRow {
    int level = 0;
    std::optional<Insurance> insurance;
    std::optional<PersonStatus> status;
    std::vector<RatioBand> bands;  // ascending `from`, first from 0
};

// A layer above the basic fund: 大额 pays on cost above the basic cap (`overflow`); 大病
// pays on what the patient still bears in scope, above its own yearly deductible (`residual`).
struct FundLayer {
    enum class Kind : std::uint8_t { Overflow, Residual };
    std::string name;
    Kind kind = Kind::Overflow;
    Fen deductible = 0;
    Bp ratio = 0;
    std::optional<Fen> cap;
    std::optional<Insurance> insurance;  // absent: both
    // Special groups (特困/低保/返贫): own deductible, ratio bonus, no cap.
    std::optional<Fen> special_deductible;
    Bp special_ratio_bonus = 0;
    bool special_no_cap = false;
};

// Dezhou U1–U6: key-specialty ratio uplift.
struct KeySpecialty {
    enum class Kind : std::uint8_t { Western, Tcm };
    std::string hospital;
    std::string department;
    std::string tier;
    Kind kind = Kind::Western;
};

struct KeySpecialtyRules {
    std::map<std::string, Bp> tier_points;  // tier -> uplift in basis points
    std::vector<KeySpecialty> specialties;
    std::set<SettlementMode> full_modes{SettlementMode::FeeForService};
    std::set<SettlementMode> halving_modes_western;
    std::set<SettlementMode> halving_modes_tcm;
    Bp cap = 9500;
    bool relative = false;  // uplift_mode: additive_points (default) | relative
    bool require_dx_match = true;
    // department -> principal-diagnosis prefixes that match it (U6)
    std::map<std::string, std::vector<std::string>> dx_prefixes;
};

// TCM hospitals treated as the next lower level (W1–W4 of the 威海 seed, any city may switch it on).
struct TcmHospitalLevelRules {
    bool deductible_next_lower_level = false;      // W1
    bool employee_ratio_next_lower_level = false;  // W2
    Bp resident_tcm_hospital_bonus = 0;            // W3 (+500)
    std::optional<Bp> grassroots_tcm_floor;        // W4 (8500)
    int new_institution_ffs_months = 0;            // newly designated TCM institutions paid 按项目 (6)
};

// TCM therapy incentives: items bonus and deductible cuts (T1–T3 of the 济宁 seed).
struct TcmTherapyRules {
    Bp tcm_items_bonus = 0;                  // T1 (+1000)
    std::optional<Bp> tcm_items_cap;         // T1 cap (9500 by default in the preset)
    Fen tcm_institution_deductible_cut = 0;  // T2 (10000 fen)
    Fen pure_tcm_deductible_cut = 0;         // T3 (10000 fen)
    bool stack_deductible_cuts = false;
    bool pure_tcm_enabled = false;
    Bp pure_tcm_resident = 9000;
    Bp pure_tcm_working = 9000;
    std::map<int, Bp> pure_tcm_retired_by_level;  // {1: 9500, 2: 9000, 3: 9000}
};

// Wenzhou-style R1–R4.
struct ReferralRules {
    enum class Deductible : std::uint8_t { WaiveSecond, ChargeMaxTopup };
    Deductible deductible = Deductible::ChargeMaxTopup;  // R1
    Bp downward_bonus = 0;                               // R2 (+200)
    Bp cross_county_adjustment = 0;                      // R3, |value| <= 1000
    Bp out_of_city_unauthorised_adjustment = 0;          // R3, negative
    Bp resident_min_level_gap = 0;                       // R4, checked on load
};

// §2 TCM day ward.
struct DayWardDisease {
    std::string category;
    std::vector<std::string> names;          // TCM disease names accepted
    std::vector<std::string> code_prefixes;  // diagnosis code prefixes accepted
};

struct DayWardRules {
    enum class DeductibleMode : std::uint8_t { InpatientLadder, FractionOfInpatient, None };
    enum class OnViolation : std::uint8_t { Reject, SettleAsInpatient };
    std::vector<DayWardDisease> diseases;  // empty: any disease
    int max_course_days = 0;               // 0: no limit
    int max_gap_days = 0;
    Bp fee_factor = kFullBp;  // bed and nursing fees charged at this fraction
    DeductibleMode deductible_mode = DeductibleMode::InpatientLadder;
    Bp deductible_fraction = 5000;
    std::optional<Fen> course_cap;
    std::map<Insurance, Bp> ratio_override;
    bool acupuncture_dominance = false;
    bool no_western_drug = false;
    OnViolation on_violation = OnViolation::Reject;
};

// §3 TCM advantaged diseases paid per disease.
struct PerDiseaseStandard {
    std::string code_prefix;  // principal diagnosis prefix (or TCM disease name)
    std::string name;
    int level = 0;  // 0: any level
    Fen standard = 0;
    std::optional<Fen> western_standard;
};

struct PerDiseaseRules {
    enum class PatientBasis : std::uint8_t { Standard, Actual };
    std::vector<PerDiseaseStandard> diseases;
    PatientBasis patient_basis = PatientBasis::Standard;
    bool deductible = true;
    bool exclude_not_cured = false;
    bool exclude_above_western = false;
    int exclude_readmission_days = 0;  // 0: off; 30 (湖北)
    bool exclude_special_review = false;
    SettlementMode fallback = SettlementMode::Drg;
};

// §1.5 TCM cases inside DIP: 邢台 takes the Western disease's score; 河北 raises it.
struct TcmDipScoreRules {
    bool western_score = false;                           // 邢台: score = the Western disease's score
    std::optional<double> min_fraction_of_western;        // 河北: at least 0.8 × Western score
    Fen characteristic_min_cost = 0;                      // 河北: TCM-operation cost threshold (40000 fen)
    std::map<std::string, double> characteristic_points;  // op code -> +5 / +10 (100-point scale)
    double score_scale = 100;  // points are on a 100-point scale; scaled to the catalog's K
};

// §4 bed-day payment.
struct BedDayRate {
    int level = 0;  // 0: any
    std::string stage;
    std::optional<Insurance> insurance;
    Fen rate = 0;
};

struct BedDayStage {
    std::string name;
    int last_day = 0;              // 0: open-ended
    std::optional<Bp> fund_share;  // 石狮: fund pays this share of the per-diem standard
};

struct BedDayScheme {
    enum class Model : std::uint8_t { PayStandard, MinActual, Collar };
    std::string scope;
    Model model = Model::MinActual;
    std::vector<BedDayStage> stages;
    std::vector<BedDayRate> rates;
    std::vector<RatioRow> fund_ratio;  // empty: the policy's base ratio table (first band)
    Bp collar = 10200;
    std::map<Insurance, Bp> class_a_ratio;  // collar model r_甲
    std::map<Insurance, Bp> class_b_ratio;  // collar model r_乙
    bool excess_borne_by_patient = false;
    bool deductible = false;
    std::map<int, Bp> self_pay_limit;  // by level: a warning when exceeded (德州)
};

struct BedDayRules {
    std::vector<BedDayScheme> schemes;
    int link_gap_days = 0;  // readmission within this many days continues the counter
    bool reset_by_year = true;
};

struct ReimbursementPolicy {
    std::string name;
    std::string description;
    std::string region = "000000";
    std::string effective_from;  // YYYY-MM-DD, inclusive
    std::string effective_to;    // inclusive; empty: open

    std::vector<DeductibleRow> deductibles;
    std::vector<RatioRow> ratios;
    bool bands_on_year = false;             // band limits on cumulative eligible cost in the year
    bool deductible_chronological = false;  // else pro rata to segment eligible cost
    std::map<Insurance, Fen> annual_cap;    // basic fund's yearly cap
    std::vector<FundLayer> layers;

    std::optional<KeySpecialtyRules> key_specialty;
    std::optional<TcmHospitalLevelRules> tcm_hospital_level;
    std::optional<TcmTherapyRules> tcm_therapy;
    std::optional<ReferralRules> referral;
    std::optional<DayWardRules> day_ward;
    std::optional<PerDiseaseRules> per_disease;
    std::optional<TcmDipScoreRules> tcm_dip_score;
    std::optional<BedDayRules> bed_day;
};

}  // namespace dipdrg
