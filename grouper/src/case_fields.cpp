#include "dipdrg/case_fields.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "dipdrg/money.hpp"
#include "dipdrg/utf8.hpp"

namespace dipdrg {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(CostCategory::Count)> kCostNames
    = {"cost_bed",
       "cost_consultation",
       "cost_examination",
       "cost_laboratory",
       "cost_treatment",
       "cost_surgery",
       "cost_nursing",
       "cost_materials",
       "cost_western_medicine",
       "cost_herbal_pieces",
       "cost_chinese_patent_medicine",
       "cost_general_diagnosis",
       "cost_registration",
       "cost_other"};

constexpr std::array<std::string_view, static_cast<std::size_t>(CaseField::CostFirst)> kNames
    = {"case_id",
       "sex",
       "age",
       "age_days",
       "weight_g",
       "los_days",
       "discharge_type",
       "admission_dept",
       "discharge_dept",
       "dx_codes",
       "px_codes",
       "hospital_id",
       "hospital_level",
       "insurance_type",
       "payment_method",
       "treatment_type",
       "day_ward",
       "total_cost"};

struct Alias {
    std::string_view name;
    CaseField field;
};
constexpr Alias kAliases[] = {
    {"gender", CaseField::Sex},
    {"Index", CaseField::CaseId},
    {"ageDay", CaseField::AgeDays},
    {"weight", CaseField::BirthWeight},
    {"birth_weight_g", CaseField::BirthWeight},
    {"inHospitalTime", CaseField::Los},
    {"leavingType", CaseField::DischargeMode},
    {"discharge_mode", CaseField::DischargeMode},
    {"dept", CaseField::AdmissionDept},
    {"zdList", CaseField::Diagnoses},
    {"diagnoses", CaseField::Diagnoses},
    {"ssList", CaseField::Procedures},
    {"procedures", CaseField::Procedures},
    {"age_years", CaseField::Age},
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::int32_t parse_int_field(Case& c, CaseField f, std::string_view s) {
    s = trim(s);
    if (s.empty()) return kAbsent;
    std::string_view digits = s;
    // A trailing ".0"/".00" comes from spreadsheets and pandas float columns.
    if (auto dot = digits.find('.'); dot != std::string_view::npos) {
        auto frac = digits.substr(dot + 1);
        if (frac.find_first_not_of('0') == std::string_view::npos) digits = digits.substr(0, dot);
    }
    std::int32_t v = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc() && p == digits.data() + digits.size() && v != kAbsent && v != kInvalid) return v;
    c.invalid_fields.push_back({std::string(field_name(f)), std::string(s)});
    return kInvalid;
}

}  // namespace

std::string_view field_name(CaseField f) {
    auto i = static_cast<std::size_t>(f);
    if (i < kNames.size()) return kNames[i];
    return kCostNames[i - kNames.size()];
}

std::optional<CaseField> field_from_name(std::string_view column) {
    for (auto f : all_fields())
        if (field_name(f) == column) return f;
    for (const auto& a : kAliases)
        if (a.name == column) return a.field;
    return std::nullopt;
}

std::vector<CaseField> all_fields() {
    std::vector<CaseField> out;
    for (int i = 0; i <= static_cast<int>(CaseField::CostLast); ++i) out.push_back(static_cast<CaseField>(i));
    return out;
}

std::vector<std::string> split_codes(std::string_view text) {
    std::vector<std::string> out;
    char sep = text.find('|') != std::string_view::npos ? '|' : ',';
    std::size_t start = 0;
    while (start <= text.size()) {
        auto pos = text.find(sep, start);
        auto part
            = trim(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (!part.empty()) out.emplace_back(part);
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string missing_required_fields(const std::vector<std::pair<CaseField, int>>& mapping) {
    std::string out;
    for (auto f : {CaseField::Sex, CaseField::Age, CaseField::Diagnoses}) {
        const bool mapped
            = std::any_of(mapping.begin(), mapping.end(), [&](const auto& m) { return m.first == f; });
        if (!mapped) out += (out.empty() ? "" : ", ") + std::string(field_name(f));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> out_of_range_fields(const Case& c) {
    struct Range {
        const char* field;
        std::int32_t value, lo, hi;
    };
    const Range ranges[] = {{"age", c.age_years, 0, 150},
                            {"age_days", c.age_days, 0, 366},
                            {"weight_g", c.birth_weight_g, 0, 10000},
                            {"los_days", c.los_days, 0, 3660}};
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : ranges)
        if (r.value != kAbsent && r.value != kInvalid && (r.value < r.lo || r.value > r.hi))
            out.emplace_back(r.field, std::to_string(r.value) + " is outside " + std::to_string(r.lo) + "–"
                                          + std::to_string(r.hi));
    return out;
}

void set_field(Case& c, CaseField f, std::string_view text) {
    if (!valid_utf8(text)) {  // keep what is valid; no output may become undecodable
        const std::string clean = sanitize_utf8(text);
        set_field(c, f, clean);
        return;
    }
    switch (f) {
        case CaseField::CaseId:
            c.case_id = trim(text);
            return;
        case CaseField::Sex: {
            auto s = trim(text);
            if (s == "男")
                c.sex = 1;
            else if (s == "女")
                c.sex = 2;
            else
                c.sex = parse_int_field(c, f, s);
            return;
        }
        case CaseField::Age:
            c.age_years = parse_int_field(c, f, text);
            return;
        case CaseField::AgeDays:
            c.age_days = parse_int_field(c, f, text);
            return;
        case CaseField::BirthWeight:
            c.birth_weight_g = parse_int_field(c, f, text);
            return;
        case CaseField::Los:
            c.los_days = parse_int_field(c, f, text);
            return;
        case CaseField::HospitalLevel:
            c.hospital_level = parse_int_field(c, f, text);
            return;
        case CaseField::DischargeMode:
            c.discharge_mode = trim(text);
            return;
        case CaseField::AdmissionDept:
            c.admission_dept = trim(text);
            return;
        case CaseField::DischargeDept:
            c.discharge_dept = trim(text);
            return;
        case CaseField::HospitalId:
            c.hospital_id = trim(text);
            return;
        case CaseField::InsuranceType:
            c.insurance_type = trim(text);
            return;
        case CaseField::PaymentMethod:
            c.payment_method = trim(text);
            return;
        case CaseField::TreatmentType:
            c.treatment_type = trim(text);
            return;
        case CaseField::Diagnoses:
            c.diagnoses.text = split_codes(text);
            c.diagnoses.ids.clear();
            return;
        case CaseField::Procedures:
            c.procedures.text = split_codes(text);
            c.procedures.ids.clear();
            return;
        case CaseField::DayWard: {
            auto s = trim(text);
            if (s.empty() || s == "0" || s == "false" || s == "False" || s == "否")
                c.day_ward = false;
            else if (s == "1" || s == "true" || s == "True" || s == "是")
                c.day_ward = true;
            else
                c.invalid_fields.push_back({"day_ward", std::string(s)});
            return;
        }
        default:
            break;
    }
    auto s = trim(text);
    if (s.empty()) return;
    auto fen = parse_yuan(s);
    if (!fen) {
        c.invalid_fields.push_back({std::string(field_name(f)), std::string(s)});
        return;
    }
    if (f == CaseField::TotalCost)
        c.total_cost_fen = *fen;
    else
        c.cost_fen[static_cast<std::size_t>(f) - static_cast<std::size_t>(CaseField::CostFirst)] = *fen;
}

}  // namespace dipdrg
