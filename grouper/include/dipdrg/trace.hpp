#pragma once
// Structured explanation of one grouping decision: what was checked, against which table,
// with which codes, and the outcome. Rendered to text by trace_render.hpp.
#include <cstdint>
#include <string>
#include <vector>

namespace dipdrg {

enum class TraceKind : std::uint8_t {
    ValidationFailed,   // subject = rule id (V0..V4), detail = offending value
    CodeName,           // subject = code, detail = name ("" = unknown), number = 0 dx / 1 px
    CodeTranslated,     // subject = input code, detail = grouper code, number = 0 dx / 1 px
    TranslationFailed,  // subject = input code, number = 0 dx / 1 px
    TraumaDiagnoses,    // codes = case diagnoses on the MDCZ list
    TraumaRegions,      // codes = distinct body regions they cover
    TraumaTooFewRegions,
    MdcEntered,          // subject = MDC, detail = entry-rule label
    AdrgMatched,         // subject = ADRG, detail = rule label
    MdcNoAdrg,           // subject = MDC: entered, but no ADRG matched; grouping falls through
    AmbiguousGroup,      // subject = MDC: QY assigned
    PrincipalExclusion,  // subject = principal dx, number = its exclusion table
    SecondaryCc,         // subject = secondary dx, detail = "CC"/"MCC", number = its table,
                         // outcome = counted (false: excluded by the principal's table)
    DrgAssigned,         // subject = DRG, detail = name
    Ungroupable,
    // DIP
    DipExcludedDx,     // subject = principal dx on the exclusion list
    DipExcludedPx,     // subject = procedure, detail = conservative / skipped / allowed
    DipCandidate,      // subject = group, rule = layer, detail = why it failed ("" if satisfied),
                       // codes = procedures it matched, number = rule row, outcome = satisfied
    DipLayerDecided,   // subject = layer, number = satisfied rows in it
    DipTieBreak,       // subject = winner, rule = policy, detail = deciding criteria, codes = losers
    DipComprehensive,  // subject = group, detail = procedure attribute
    DipFallback,       // subject = the ungrouped fall-back group
    DipNotGrouped,
    DipGrassroots,  // subject = the 基层病种 rule's source
    DipSubtype,     // subject = subtype, rule = auxiliary catalog, detail = factor text
    DipAssigned,    // subject = group, detail = name
};

struct TraceEvent {
    TraceKind kind;
    std::string rule;  // rule id: V1, principal_dx_in_mdc_list, principal_px, ...
    std::string subject;
    std::string detail;
    std::int32_t number = -1;
    std::vector<std::string> codes;
    bool outcome = true;
    // Omitted from the reference (OpenDRG) message list, kept in the structured trace.
    bool reference_silent = false;

    const char* step() const;   // validation / codes / mdc / adrg / split / result
    const char* table() const;  // catalog table consulted, "" when none
};

using Trace = std::vector<TraceEvent>;

enum class Language : std::uint8_t { Chinese, English };

// One line per event. `reference` drops events the reference grouper does not print.
std::vector<std::string> render_trace(const Trace& trace, Language lang, bool reference = true);

}  // namespace dipdrg
