#pragma once
// Behaviour switches where the national text and the reference grouper (OpenDRG chs_drg_11)
// differ. Every default reproduces the reference; see docs/chs-drg-options.md.
#include <cstdint>
#include <string>

namespace dipdrg {

enum class PrincipalProcedure : std::uint8_t {
    First = 0,    // the first listed procedure is the principal one (reference)
    FirstOr = 1,  // the first OR (手术室) procedure in the list is promoted to principal
};

struct DrgOptions {
    // 歧义组: an MDC entered by principal diagnosis whose surgical ADRGs all fail, with an OR
    // procedure on the case, yields {letter}QY. Never in MDCA (entered by procedure).
    // Off in the reference (the check is disabled there).
    bool ambiguous_group = false;
    // PV1 is defined for 29 days to 1 year; the reference applies it unconditionally (0).
    // With 29, a neonate of <= 28 days that matched nothing earlier in MDCP falls through.
    std::int32_t pv1_min_age_days = 0;
    PrincipalProcedure principal_procedure = PrincipalProcedure::First;
    // Map input codes through the catalog's translation tables before grouping
    // (OpenDRG TRANS_CODE); a code absent from the map ends the case with TRANSLATION_FAILED.
    bool translate_codes = false;

    template <class A>
    void serialize(A& ar, unsigned) {
        ar & ambiguous_group & pv1_min_age_days & principal_procedure & translate_codes;
    }
};

}  // namespace dipdrg
