#include "dipdrg/reimbursement/reimburse.hpp"

#include <numeric>

#include "mode_handlers.hpp"

namespace dipdrg {

const char* settlement_mode_name(SettlementMode mode) {
    switch (mode) {
        case SettlementMode::FeeForService:
            return "fee_for_service";
        case SettlementMode::PerDisease:
            return "per_disease";
        case SettlementMode::Drg:
            return "drg";
        case SettlementMode::Dip:
            return "dip";
        case SettlementMode::DaySurgery:
            return "day_surgery";
        case SettlementMode::TcmDayWard:
            return "tcm_day_ward";
        case SettlementMode::BedDay:
            return "bed_day";
    }
    return "?";
}

std::optional<SettlementMode> parse_settlement_mode(std::string_view text) {
    for (auto mode :
         {SettlementMode::FeeForService, SettlementMode::PerDisease, SettlementMode::Drg, SettlementMode::Dip,
          SettlementMode::DaySurgery, SettlementMode::TcmDayWard, SettlementMode::BedDay})
        if (text == settlement_mode_name(mode)) return mode;
    // 医保支付方式 hi_paymtd codes (payment-rules.md §6.1): 1 按项目, 2 单病种, 3 DIP, 4 DRG, 5 按床日.
    if (text == "1") return SettlementMode::FeeForService;
    if (text == "2") return SettlementMode::PerDisease;
    if (text == "3") return SettlementMode::Dip;
    if (text == "4") return SettlementMode::Drg;
    if (text == "5") return SettlementMode::BedDay;
    return std::nullopt;
}

const char* reimbursement_status_name(ReimbursementStatus status) {
    switch (status) {
        case ReimbursementStatus::Ok:
            return "OK";
        case ReimbursementStatus::BadInput:
            return "BAD_INPUT";
        case ReimbursementStatus::NoRatio:
            return "NO_RATIO";
        case ReimbursementStatus::DayWardNotEligible:
            return "DAY_WARD_NOT_ELIGIBLE";
        case ReimbursementStatus::PerDiseaseFallback:
            return "PER_DISEASE_FALLBACK";
        case ReimbursementStatus::PerDiseaseNotListed:
            return "PER_DISEASE_NOT_LISTED";
        case ReimbursementStatus::BedDayNoRate:
            return "BED_DAY_NO_RATE";
    }
    return "?";
}

namespace detail {

Fen total_cost_of(const SettlementCase& c) {
    if (c.total_cost >= 0) return c.total_cost;
    Fen e = 0;
    for (const auto& s : c.segments) e += s.eligible;
    return e + c.self_pay;
}

namespace {

// Documented bounds (docs/reimbursement.md): one stay's amounts stay far below these, and within
// them every product of an amount with a ratio in basis points fits in 64-bit fen.
constexpr Fen kMaxAmountFen = Fen{1'000'000'000'000};  // 10,000,000,000 yuan
constexpr int kMaxDays = 3660;                         // ten years of days in one stay or course
constexpr int kMaxNthStay = 1000;

bool amount_out_of_range(Fen v) {
    return v > kMaxAmountFen || v < -kMaxAmountFen;
}

// A settlement date: YYYY-MM-DD, a real calendar day of 1900–2100 (ASCII digits only).
bool valid_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int v[3] = {0, 0, 0};
    const std::size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k)
        for (std::size_t i = at[k]; i < at[k] + len[k]; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            v[k] = v[k] * 10 + (s[i] - '0');
        }
    const int y = v[0], m = v[1], d = v[2];
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string check_bounds(const SettlementCase& c) {
    if (!c.date.empty() && !valid_date(c.date))
        return "date '" + c.date + "' is not a calendar day YYYY-MM-DD in 1900–2100";
    const Fen amounts[] = {c.total_cost,        c.self_pay,
                           c.eligible_ytd,      c.fund_paid_ytd,
                           c.bed_fee,           c.nursing_fee,
                           c.acupuncture_cost,  c.other_tcm_therapy_cost,
                           c.western_drug_cost, c.case_payment.value_or(0)};
    for (Fen v : amounts)
        if (amount_out_of_range(v)) return "an amount is beyond the documented bound of 10,000,000,000 yuan";
    Fen eligible = 0;
    for (const auto& s : c.segments) {
        if (amount_out_of_range(s.eligible) || amount_out_of_range(s.tcm_eligible))
            return "an eligible amount is beyond the documented bound of 10,000,000,000 yuan";
        eligible += s.eligible;
        if (amount_out_of_range(eligible)) return "the eligible amounts add up beyond 10,000,000,000 yuan";
    }
    const std::pair<const char*, int> days[] = {{"los", c.los},
                                                {"days_before", c.days_before},
                                                {"days_in_next_year", c.days_in_next_year},
                                                {"course_days", c.course_days},
                                                {"max_gap_days", c.max_gap_days}};
    for (const auto& [name, v] : days)
        if (v < 0 || v > kMaxDays)
            return std::string(name) + " " + std::to_string(v) + " is outside 0–" + std::to_string(kMaxDays)
                   + " days";
    if (c.nth_stay > kMaxNthStay) return "nth_stay " + std::to_string(c.nth_stay) + " is above 1000";
    return {};
}

std::string check_input(const SettlementCase& c) {
    if (c.level < 1 || c.level > 3) return "hospital level " + std::to_string(c.level) + " is not 1, 2 or 3";
    if (auto bounds = check_bounds(c); !bounds.empty()) return bounds;
    if (c.segments.empty()) return "no cost segment (eligible amount missing)";
    Fen eligible = 0;
    for (const auto& s : c.segments) {
        if (s.eligible < 0 || s.tcm_eligible < 0) return "negative eligible amount in " + s.department;
        if (s.tcm_eligible > s.eligible) return "TCM eligible amount above the segment's eligible amount";
        eligible += s.eligible;
    }
    if (c.self_pay < 0) return "negative self-pay amount";
    if (c.total_cost >= 0 && c.total_cost < eligible) return "total cost below the eligible amount";
    if (c.nth_stay < 1) return "nth stay must be at least 1";
    if (c.bed_fee < 0 || c.nursing_fee < 0 || c.acupuncture_cost < 0 || c.other_tcm_therapy_cost < 0
        || c.western_drug_cost < 0)
        return "negative fee line";
    if (c.los < 0 || c.days_before < 0 || c.days_in_next_year < 0 || c.days_in_next_year > c.los)
        return "bad day counts";
    return {};
}

}  // namespace

// tcm_hospital_level: a newly designated TCM institution is paid 按项目 (DRG/DIP/per-disease cases
// included) until `new_institution_ffs_months` whole months have passed.
bool newly_designated(const ReimbursementPolicy& policy, const SettlementCase& c) {
    if (!policy.tcm_hospital_level || policy.tcm_hospital_level->new_institution_ffs_months <= 0
        || !c.tcm_hospital)
        return false;
    if (c.mode != SettlementMode::Drg && c.mode != SettlementMode::Dip
        && c.mode != SettlementMode::PerDisease)
        return false;
    const auto from = parse_civil_date(c.designated), to = parse_civil_date(c.date);
    if (!from || !to) return false;
    auto num = [](const std::string& s, std::size_t pos, std::size_t len) {
        return std::stoi(s.substr(pos, len));
    };
    const int months = (num(c.date, 0, 4) - num(c.designated, 0, 4)) * 12 + num(c.date, 5, 2)
                       - num(c.designated, 5, 2) - (num(c.date, 8, 2) < num(c.designated, 8, 2) ? 1 : 0);
    return months < policy.tcm_hospital_level->new_institution_ffs_months;
}

}  // namespace detail

ReimbursementResult reimburse(const ReimbursementPolicy& policy, const SettlementCase& c, bool with_trace) {
    ReimbursementResult out;
    out.settled_as = c.mode;
    detail::Tracer trace(with_trace ? &out.trace : nullptr);
    if (std::string problem = detail::check_input(c); !problem.empty()) {
        out.status = ReimbursementStatus::BadInput;
        out.message = problem;
        return out;
    }
    if (detail::newly_designated(policy, c)) {
        trace.add("W5", "TCM institution designated " + c.designated + ": paid fee for service for its first "
                            + std::to_string(policy.tcm_hospital_level->new_institution_ffs_months)
                            + " months");
        SettlementCase ffs = c;
        ffs.mode = SettlementMode::FeeForService;
        detail::settle_ordinary(policy, ffs, out, trace);
        out.settled_as = SettlementMode::FeeForService;
    } else {
        switch (c.mode) {
            case SettlementMode::TcmDayWard:
                detail::settle_day_ward(policy, c, out, trace);
                break;
            case SettlementMode::PerDisease:
                detail::settle_per_disease(policy, c, out, trace);
                break;
            case SettlementMode::BedDay:
                detail::settle_bed_day(policy, c, out, trace);
                break;
            default:
                detail::settle_ordinary(policy, c, out, trace);
                break;
        }
    }
    if (out.status == ReimbursementStatus::NoRatio || out.status == ReimbursementStatus::BadInput
        || out.status == ReimbursementStatus::BedDayNoRate) {
        // Nothing computed: no amounts rather than half-made ones.
        const auto status = out.status;
        auto message = std::move(out.message);
        auto traced = std::move(out.trace);
        out = ReimbursementResult{};
        out.status = status;
        out.message = std::move(message);
        out.trace = std::move(traced);
        out.settled_as = c.mode;
    }
    return out;
}

}  // namespace dipdrg
