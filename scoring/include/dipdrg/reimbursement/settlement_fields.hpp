#pragma once
// Settlement rows from text cells: one parser for CSV, pandas and Arrow values alike. A bad
// cell is a message for the row's status, never an exception.
#include <string>
#include <string_view>
#include <vector>

#include "dipdrg/reimbursement/settlement_case.hpp"

namespace dipdrg {

// The column names set_settlement_field understands (docs/reimbursement.md lists them).
const std::vector<std::string>& settlement_field_names();

// One row being read: the case, plus the single-segment columns (department, eligible,
// tcm_eligible) that become its segment when no `segments` column is given.
struct SettlementRow {
    SettlementCase c;
    std::string department;
    Fen eligible = -1;
    Fen tcm_eligible = 0;

    // Sets one field from its text; an empty cell keeps the default. Returns "" or a message
    // naming the column and value. Unknown names are a programming error (std::invalid_argument).
    std::string set(std::string_view field, std::string_view text);

    // The same with the field looked up once per column (batch readers).
    class Field;
    static const Field* field(std::string_view name);  // nullptr if unknown
    std::string set(const Field& field, std::string_view text);
    // The finished case (moved out).
    SettlementCase finish();
};

}  // namespace dipdrg
