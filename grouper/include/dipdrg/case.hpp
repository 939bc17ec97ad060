#pragma once
// The case model: the 医疗保障基金结算清单 fields that groupers and payment rules need.
// Fields a grouper ignores are carried unchanged, never dropped.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "dipdrg/code_dictionary.hpp"

namespace dipdrg {

// Integer fields use kAbsent for "not given" and kInvalid for "given but not an integer";
// the raw text of an invalid value is kept in Case::invalid_fields for the status message.
inline constexpr std::int32_t kAbsent = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int32_t kInvalid = std::numeric_limits<std::int32_t>::min() + 1;

// 费用类别 of the settlement list (iteminfo.med_chrgitm 01..14), in fen.
enum class CostCategory : std::uint8_t {
    Bed = 0,
    Consultation,
    Examination,
    Laboratory,
    Treatment,
    Surgery,
    Nursing,
    Materials,
    WesternMedicine,
    HerbalPieces,
    ChinesePatentMedicine,
    GeneralDiagnosis,
    Registration,
    Other,
    Count
};

struct CodeList {
    std::vector<CodeId> ids;         // kUnknownCode where the code is not in the catalog
    std::vector<std::string> text;   // the codes as given, same order; text[0] is the principal
    std::int32_t untranslated = -1;  // position of a code the translation map lacks (-1: none)
    bool empty() const { return text.empty(); }
    std::size_t size() const { return text.size(); }
};

struct InvalidField {
    std::string field;
    std::string raw;
};

struct Case {
    std::string case_id;
    std::int32_t sex = kAbsent;  // 1 male, 2 female (GB/T 2261.1 also has 0, 9)
    std::int32_t age_years = kAbsent;
    std::int32_t age_days = kAbsent;  // total age in days
    std::int32_t birth_weight_g = kAbsent;
    std::int32_t los_days = kAbsent;
    std::string discharge_mode;  // 离院方式: 1,2,3,4,5,9
    std::string admission_dept;
    std::string discharge_dept;
    CodeList diagnoses;   // ICD-10 医保版 2.0, principal first
    CodeList procedures;  // ICD-9-CM-3 医保版 2.0, principal first
    std::string hospital_id;
    std::int32_t hospital_level = kAbsent;  // 1, 2, 3
    std::string insurance_type;             // 职工 / 居民 code
    std::string payment_method;             // hi_paymtd: 1 项目, 3 DIP, 4 DRG, ...
    std::string treatment_type;             // 1 西医, 2 中医, 3 中西医
    bool day_ward = false;
    std::int64_t total_cost_fen = 0;
    std::array<std::int64_t, static_cast<std::size_t>(CostCategory::Count)> cost_fen{};
    std::vector<InvalidField> invalid_fields;  // values that could not be parsed
};

}  // namespace dipdrg
