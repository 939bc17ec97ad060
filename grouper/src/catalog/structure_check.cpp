#include "dipdrg/catalog/structure_check.hpp"

#include <cstdint>

namespace dipdrg::catalog {
namespace {

bool in(Index i, std::size_t n) {
    return i >= 0 && static_cast<std::size_t>(i) < n;
}
bool in_or_none(Index i, std::size_t n) {
    return i == kNone || in(i, n);
}

bool spec_ok(const DxSpec& s) {
    if (s.kind > DxSpec::Kind::Dagger) return false;
    if (s.kind == DxSpec::Kind::Range)  // categories as letter × 100 + number, A00 … Z99
        return s.lo <= s.hi && s.lo >= 'A' * 100 && s.hi <= 'Z' * 100 + 99;
    return true;
}

template <class Specs>
bool specs_ok(const Specs& specs) {
    for (const auto& s : specs)
        if (!spec_ok(s)) return false;
    return true;
}

}  // namespace

std::string structure_problem(const DrgCatalog& c) {
    if (c.mdcs.size() > 32) return "more than 32 MDCs";
    for (const auto& m : c.mdcs)
        for (Index a : m.adrgs)
            if (!in(a, c.adrgs.size())) return "MDC " + m.code + " lists an ADRG out of range";
    for (const auto& a : c.adrgs) {
        if (!in_or_none(a.mdc, c.mdcs.size())) return "ADRG " + a.code + " names an MDC out of range";
        for (Index d : a.drgs)
            if (!in(d, c.drgs.size())) return "ADRG " + a.code + " lists a DRG out of range";
    }
    for (const auto& d : c.drgs) {
        if (!in_or_none(d.adrg, c.adrgs.size())) return "DRG " + d.code + " names an ADRG out of range";
        if (d.split > SplitRule::Otherwise) return "DRG " + d.code + " has an unknown split rule";
    }
    if (c.dx.size() != c.dx_codes.size() || c.dx_names.size() != c.dx.size())
        return "diagnosis tables of different lengths";
    if (c.px.size() != c.px_codes.size() || c.px_names.size() != c.px.size())
        return "procedure tables of different lengths";
    for (const auto& d : c.dx) {
        if (d.adrg_begin > d.adrg_end || d.adrg_end > c.dx_adrgs.size())
            return "a diagnosis's ADRG range is out of range";
        if (d.trauma_region >= 0 && static_cast<std::size_t>(d.trauma_region) >= c.trauma_regions.size())
            return "a diagnosis names a trauma region out of range";
        if (d.cc_level > CcLevel::Mcc) return "a diagnosis has an unknown CC level";
    }
    for (Index a : c.dx_adrgs)
        if (!in(a, c.adrgs.size())) return "a diagnosis list names an ADRG out of range";
    for (const auto& p : c.px)
        if (p.ref_begin > p.ref_end || p.ref_end > c.px_refs.size())
            return "a procedure's list range is out of range";
    for (const auto& r : c.px_refs)
        if (!in(r.adrg, c.adrgs.size()) || r.list < 1 || r.list > 2 || r.combo_group > 8)
            return "a procedure-list membership is out of range";
    return {};
}

std::string structure_problem(const DipCatalog& c) {
    const auto n_groups = c.groups.size();
    for (const auto& g : c.groups)
        if (g.kind >= DipKind::Count) return "group " + g.code + " has an unknown kind";
    for (const auto& r : c.rules) {
        if (!in(r.group, n_groups)) return "a rule row names a group out of range";
        if (r.layer >= DipLayer::Count) return "a rule row has an unknown layer";
        if (!specs_ok(r.principal_dx) || !specs_ok(r.secondary_dx))
            return "a rule row has a malformed diagnosis spec";
    }
    for (const auto& e : c.excluded_px)
        if (!specs_ok(e.allowed_dx)) return "an excluded procedure has a malformed diagnosis spec";
    for (const auto& [code, attribute] : c.px_attributes)
        if (attribute > PxAttribute::Surgery) return "procedure " + code + " has an unknown attribute";
    for (const auto& r : c.comprehensive)
        if (!in(r.group, n_groups) || r.attribute > PxAttribute::Surgery || !spec_ok(r.dx))
            return "a comprehensive row is out of range";
    for (const auto& g : c.grassroots)
        if (!spec_ok(g.dx)) return "a grass-roots row has a malformed diagnosis spec";
    for (const auto& a : c.aux)
        if (a.kind > AuxRule::Kind::CciWeight || !specs_ok(a.dx)) return "an auxiliary rule is out of range";
    if (!in_or_none(c.ungrouped_group, n_groups)) return "the ungrouped group is out of range";
    for (auto t : c.policy.tie_breaks)
        if (t > TieBreak::DxSpecificity) return "the policy names an unknown tie-break";
    return {};
}

}  // namespace dipdrg::catalog
