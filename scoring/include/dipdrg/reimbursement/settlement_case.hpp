#pragma once
// One inpatient settlement as the reimbursement rules see it (payment-rules.md §5.3 inputs):
// who the patient is, where and how the stay was settled, its department segments and the
// fee lines the TCM, day-ward and bed-day rules act on; and what comes out.
#include <optional>
#include <string>
#include <vector>

#include "dipdrg/money.hpp"
#include "dipdrg/reimbursement/rate.hpp"

namespace dipdrg {

enum class Insurance : std::uint8_t { Employee, Resident };   // 职工 / 居民
enum class PersonStatus : std::uint8_t { Working, Retired };  // 在职 / 退休
enum class SettlementMode : std::uint8_t {
    FeeForService,  // 按项目
    PerDisease,     // 按病种 (incl. TCM advantaged diseases)
    Drg,
    Dip,
    DaySurgery,  // 日间手术
    TcmDayWard,  // 中医日间病房
    BedDay,      // 床日
};
enum class ReferralDirection : std::uint8_t { None, Upward, Downward, Lateral };

// Costs incurred while in one department, in chronological order (U5).
struct CostSegment {
    std::string department;
    Fen eligible = 0;      // 政策范围内 amount
    Fen tcm_eligible = 0;  // of which 中药饮片, 中医诊疗技术, 院内中药制剂 (Jining T1)
};

struct SettlementCase {
    std::string id;
    std::string date;  // settlement date YYYY-MM-DD (policy version selection happens before)

    // Person.
    Insurance insurance = Insurance::Employee;
    PersonStatus status = PersonStatus::Working;
    bool special_group = false;  // 特困/低保/返贫: the 大病 layer's special terms

    // Hospital.
    std::string hospital;  // name or code as in the key-specialty table
    int level = 3;         // 1 一级, 2 二级, 3 三级
    bool tcm_hospital = false;
    bool grassroots = false;  // 乡镇卫生院 / 社区卫生服务中心
    std::string designated;   // date the hospital was designated (定点), YYYY-MM-DD

    // Stay.
    SettlementMode mode = SettlementMode::FeeForService;
    std::string principal_dx;
    std::string tcm_disease;  // 中医病名 (day ward, per-disease)
    std::vector<CostSegment> segments;
    Fen total_cost = -1;         // all charges incl. 全自费; -1: eligible + self_pay
    Fen self_pay = 0;            // 全自费 and 乙类先行自付
    bool tcm_treatment = false;  // treated mainly with TCM (W4)
    bool pure_tcm = false;       // pure TCM therapy (T3)
    int nth_stay = 1;            // this stay's number in the year (day-ward courses count)

    // Year history.
    Fen eligible_ytd = 0;             // eligible cost of earlier stays this year (band basis "year")
    Fen fund_paid_ytd = 0;            // basic fund paid earlier this year (annual cap)
    std::vector<Fen> layer_base_ytd;  // per policy layer: cumulative base before this stay
    std::vector<Fen> layer_paid_ytd;  // per policy layer: paid before this stay

    // Referral (R1–R3).
    ReferralDirection referral = ReferralDirection::None;
    std::optional<Fen> paired_deductible;  // deductible already paid by the linked earlier stay
    bool cross_county = false;
    bool out_of_city_unauthorised = false;

    // What the hospital is paid under DRG/DIP/per-disease (from the scorer); absent: fee for service.
    std::optional<Fen> case_payment;

    // TCM day ward (§2).
    int course_days = 0;
    int max_gap_days = 0;
    Fen bed_fee = 0;      // at the ward price; the day ward charges a fraction
    Fen nursing_fee = 0;  // likewise
    Fen acupuncture_cost = 0;
    Fen other_tcm_therapy_cost = 0;
    Fen western_drug_cost = 0;
    bool iv_infusion = false;

    // TCM per-disease (§3).
    bool cured = true;
    bool special_review = false;
    std::optional<int> days_since_last_discharge;
    bool same_principal_dx_as_last = false;

    // Bed day (§4).
    std::string bed_day_scope;  // psychiatry, rehabilitation, hospice, long_term_care
    int los = 0;
    int days_before = 0;              // days already counted in the linked chain this year
    int days_in_next_year = 0;        // of los, days falling in the next calendar year (counter resets)
    std::optional<Bp> class_a_share;  // 甲类 share of the cost (collar model)
    std::optional<Bp> class_b_share;  // 乙类 share
};

enum class ReimbursementStatus : std::uint8_t {
    Ok,
    BadInput,             // negative amounts, level outside 1–3, missing segments …
    NoRatio,              // the policy has no ratio for this insurance/level
    DayWardNotEligible,   // a day-ward rule failed; the message says which
    PerDiseaseFallback,   // a per-disease exclusion sent the case back to DRG/DIP
    PerDiseaseNotListed,  // per-disease mode, disease not in the list
    BedDayNoRate,         // no per-diem rate for scope/level/stage
};

const char* reimbursement_status_name(ReimbursementStatus status);

struct RuleTrace {
    std::string rule;    // "U1", "W3", "T1", "R2", "DW-cap", "BD-stage" …
    std::string detail;  // human-readable, with the numbers used
};

struct LayerPayment {
    std::string name;
    Fen paid = 0;
};

struct ReimbursementResult {
    ReimbursementStatus status = ReimbursementStatus::Ok;
    std::string message;
    SettlementMode settled_as = SettlementMode::FeeForService;  // after fallbacks
    Fen total_cost = 0;
    Fen eligible = 0;
    Fen deductible = 0;
    Fen fund = 0;                      // basic fund (统筹)
    std::vector<LayerPayment> layers;  // 大额, 大病 …
    Fen patient = 0;
    Fen hospital_payment = 0;        // what the hospital receives for the case
    Fen hospital_fund_payment = 0;   // the part the funds pay
    Fen hospital_balance = 0;        // hospital_payment − total_cost (surplus > 0)
    std::vector<Bp> segment_ratios;  // the ratio applied per segment (first band)
    std::vector<Fen> segment_fund;
    std::vector<RuleTrace> trace;
};

const char* settlement_mode_name(SettlementMode mode);
std::optional<SettlementMode> parse_settlement_mode(std::string_view text);

}  // namespace dipdrg
