#pragma once
// Text → Case: one parser for every input path (CSV, Python columns, Arrow strings), so a
// value means the same whichever way it arrives. Column names and their aliases are listed
// in docs/input-columns.md.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dipdrg/case.hpp"

namespace dipdrg {

enum class CaseField : std::uint8_t {
    CaseId,
    Sex,
    Age,
    AgeDays,
    BirthWeight,
    Los,
    DischargeMode,
    AdmissionDept,
    DischargeDept,
    Diagnoses,
    Procedures,
    HospitalId,
    HospitalLevel,
    InsuranceType,
    PaymentMethod,
    TreatmentType,
    DayWard,
    TotalCost,
    CostFirst,  // CostFirst + CostCategory: the 14 fee categories
    CostLast = CostFirst + static_cast<std::uint8_t>(CostCategory::Count) - 1,
};

// The canonical column name of a field ("case_id", "sex", ..., "cost_bed").
std::string_view field_name(CaseField f);
// Resolves a column name or alias (gender → sex, dept → admission_dept, ...).
std::optional<CaseField> field_from_name(std::string_view column);
std::vector<CaseField> all_fields();

// Sets one field from text. Empty text means absent. Integers accept a trailing ".0"
// (spreadsheet floats); sex accepts 男/女. Text that cannot be parsed is recorded in
// Case::invalid_fields (and the field set to kInvalid), never thrown.
// Parsed values outside their documented ranges (age 0–150 years, age in days 0–366, birth
// weight 0–10,000 g, length of stay 0–3,660 days): (field, "value outside lo–hi"). The groupers
// report them as warnings, so no such value passes silently.
std::vector<std::pair<std::string, std::string>> out_of_range_fields(const Case& c);

// The grouping fields every input must map (sex, age, diagnoses) that `mapping` lacks, named
// and joined with ", "; "" when none is missing.
std::string missing_required_fields(const std::vector<std::pair<CaseField, int>>& mapping);

void set_field(Case& c, CaseField f, std::string_view text);

// Splits a code list: '|'-joined (OpenDRG), or ','-joined; blanks trimmed, empties dropped.
std::vector<std::string> split_codes(std::string_view text);

}  // namespace dipdrg
