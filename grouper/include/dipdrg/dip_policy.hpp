#pragma once
// How a DIP pool matches and breaks ties between core groups: data, chosen per catalog
// (manifest "policy"), with presets in catalogs/dip/policies/. Defaults are the national
// rule (DIP 3.0 技术规范 §3.3(一)).
#include <cstdint>
#include <string>
#include <vector>

namespace dipdrg {

// Ordering criteria applied in sequence to the satisfied rows of one layer.
enum class TieBreak : std::uint8_t {
    NonConservative,    // a procedure row beats the conservative row
    Exact,              // rows whose procedures account for every procedure of the case first (完全一致)
    RelatedCount,       // more related procedures matched first
    ContainsPrincipal,  // rows containing the case's principal procedure first
    MatchedCount,       // more matched procedure codes first
    ClosestCost,        // average cost closest to the case's cost first
    HigherScore,        // higher score first
    TypePriority,       // by the policy's type-priority list
    DxSpecificity,      // the more specific principal-diagnosis spec first (code > prefix > range > any)
};
// Rows left equal by every criterion fall to catalog order and are reported as ambiguous.
inline constexpr const char* kCatalogOrder = "catalog_order";
const char* tie_break_code(TieBreak t);
bool parse_tie_break(const std::string& text, TieBreak& out);

struct DipPolicy {
    std::string name = "national";
    // principal: the row's principal procedure must be the case's principal one (national);
    // any: every code of the row must be among the case's procedures (济宁, 泰安).
    bool procedures_anywhere = false;
    // Procedure codes shorter than 7 characters match by prefix (襄阳, 荆门, 湖北 base).
    bool short_code_prefix = false;
    // fallback: the conservative row applies when no procedure row of the diagnosis matched
    // (national tables); strict: only when the case has no principal procedure.
    bool conservative_fallback = true;
    // An excluded "不可作为主要手术操作" procedure: the case groups as conservative (national
    // tables), or the next procedure becomes principal (skip).
    bool skip_adjunct_principal = false;
    // Comprehensive groups by the principal procedure's attribute (national) or the highest
    // attribute among all procedures (Node-DIP style).
    bool comprehensive_max_attribute = false;
    // 介入 counts as 相关手术 (national text) or as 治疗性操作 (some cities).
    bool interventional_as_surgery = true;
    // National: the most specific satisfied row wins (DIP 3.0 README "Tie-break within a layer").
    std::vector<TieBreak> tie_breaks{TieBreak::NonConservative,   TieBreak::Exact,
                                     TieBreak::RelatedCount,      TieBreak::MatchedCount,
                                     TieBreak::ContainsPrincipal, TieBreak::DxSpecificity};
    // TypePriority tokens "kind:attribute", e.g. "core:surgery", "grassroots:therapeutic",
    // "comprehensive:none"; unlisted types rank last.
    std::vector<std::string> type_priority;

    template <class A>
    void serialize(A& ar, unsigned) {
        ar& name& procedures_anywhere& short_code_prefix& conservative_fallback& skip_adjunct_principal&
            comprehensive_max_attribute& interventional_as_surgery& tie_breaks& type_priority;
    }
};

}  // namespace dipdrg
