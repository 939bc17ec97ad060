#include "dipdrg/catalog/catalog_check.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <map>

namespace dipdrg::catalog {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Sev = Diagnostic::Severity;

// Vertex numbering: 0 = root, then MDCs, ADRGs, DRGs.
struct Layout {
    std::size_t mdc0, adrg0, drg0, n;
    explicit Layout(const DrgCatalog& c)
        : mdc0(1),
          adrg0(1 + c.mdcs.size()),
          drg0(1 + c.mdcs.size() + c.adrgs.size()),
          n(1 + c.mdcs.size() + c.adrgs.size() + c.drgs.size()) {}
};

// The decision structure: the root tries each MDC in order (fall-through edges chain them),
// an MDC tries its ADRGs, an ADRG chooses among its DRGs.
Graph decision_graph(const DrgCatalog& c, const Layout& L) {
    Graph g(L.n);
    if (!c.mdcs.empty()) boost::add_edge(0, L.mdc0, g);
    for (std::size_t m = 0; m < c.mdcs.size(); ++m) {
        if (m + 1 < c.mdcs.size()) boost::add_edge(L.mdc0 + m, L.mdc0 + m + 1, g);
        for (Index a : c.mdcs[m].adrgs) boost::add_edge(L.mdc0 + m, L.adrg0 + static_cast<std::size_t>(a), g);
    }
    for (std::size_t a = 0; a < c.adrgs.size(); ++a)
        for (Index d : c.adrgs[a].drgs) boost::add_edge(L.adrg0 + a, L.drg0 + static_cast<std::size_t>(d), g);
    return g;
}

}  // namespace

Diagnostics check_catalog(const DrgCatalog& c) {
    Diagnostics out;
    auto err = [&](std::string check, std::string where, std::string msg) {
        out.push_back({Sev::Error, std::move(check), std::move(where), std::move(msg)});
    };
    auto warn = [&](std::string check, std::string where, std::string msg) {
        out.push_back({Sev::Warning, std::move(check), std::move(where), std::move(msg)});
    };

    Layout L(c);
    Graph g = decision_graph(c, L);
    std::vector<std::size_t> order;
    try {
        boost::topological_sort(g, std::back_inserter(order));
    } catch (const boost::not_a_dag&) {
        err("cycle", "decision structure", "the MDC/ADRG/DRG decision structure contains a cycle");
    }
    std::vector<boost::default_color_type> color(L.n, boost::white_color);
    boost::breadth_first_search(g, 0,
                                boost::color_map(boost::make_iterator_property_map(
                                    color.begin(), boost::get(boost::vertex_index, g))));
    auto reached = [&](std::size_t v) { return color[v] != boost::white_color; };

    for (std::size_t m = 0; m < c.mdcs.size(); ++m)
        if (c.mdcs[m].adrgs.empty())
            warn("empty_mdc", c.mdcs[m].code, "MDC " + c.mdcs[m].code + " has no ADRG");
    for (std::size_t a = 0; a < c.adrgs.size(); ++a) {
        const auto& adrg = c.adrgs[a];
        if (adrg.mdc == kNone) err("orphan_adrg", adrg.code, "ADRG " + adrg.code + " belongs to no MDC");
        if (!reached(L.adrg0 + a))
            err("unreachable", adrg.code, "ADRG " + adrg.code + " is not reachable from any MDC");
        if (adrg.drgs.empty()) {
            err("empty_adrg", adrg.code, "ADRG " + adrg.code + " has no DRG");
            continue;
        }
        const auto& last = c.drgs[static_cast<std::size_t>(adrg.drgs.back())];
        if (last.split != SplitRule::Otherwise)
            err("no_terminal_drg", adrg.code,
                "ADRG " + adrg.code + " does not end with an unconditional DRG (" + last.code
                    + " has a split rule)");
        for (std::size_t i = 0; i + 1 < adrg.drgs.size(); ++i)
            if (c.drgs[static_cast<std::size_t>(adrg.drgs[i])].split == SplitRule::Otherwise)
                warn("shadowed_drg", adrg.code,
                     "ADRG " + adrg.code + ": DRGs after "
                         + c.drgs[static_cast<std::size_t>(adrg.drgs[i])].code + " can never be chosen");
    }
    for (std::size_t d = 0; d < c.drgs.size(); ++d) {
        const auto& drg = c.drgs[d];
        if (drg.adrg == kNone || !reached(L.drg0 + d))
            err("orphan_drg", drg.code, "DRG " + drg.code + " belongs to no reachable ADRG/MDC");
    }

    // List sizes per ADRG, and principal-diagnosis entries their MDC never admits.
    std::vector<std::size_t> n_dx(c.adrgs.size()), n_px1(c.adrgs.size()), n_px2(c.adrgs.size());
    std::map<Index, std::vector<std::string>> unreachable;
    for (CodeId id = 0; id < c.dx.size(); ++id) {
        const auto& info = c.dx[id];
        for (auto i = info.adrg_begin; i < info.adrg_end; ++i) {
            Index a = c.dx_adrgs[i];
            ++n_dx[static_cast<std::size_t>(a)];
            const auto& adrg = c.adrgs[static_cast<std::size_t>(a)];
            bool principal_only = (adrg.conditions & kPrincipalDx) && !(adrg.conditions & kAnyDx);
            if (principal_only && adrg.mdc != kNone && !((info.mdc_mask >> adrg.mdc) & 1u))
                unreachable[a].push_back(c.dx_codes.code(id));
        }
    }
    for (const auto& ref : c.px_refs) (ref.list == 1 ? n_px1 : n_px2)[static_cast<std::size_t>(ref.adrg)]++;
    for (const auto& [a, codes] : unreachable) {
        const auto& adrg = c.adrgs[static_cast<std::size_t>(a)];
        std::string sample;
        for (std::size_t i = 0; i < codes.size() && i < 3; ++i) sample += (i ? ", " : "") + codes[i];
        warn("unreachable_entry", adrg.code,
             std::to_string(codes.size()) + " principal-diagnosis entries of " + adrg.code
                 + " are not on the " + c.mdcs[static_cast<std::size_t>(adrg.mdc)].code
                 + " list and can never match (e.g. " + sample + ")");
    }
    for (std::size_t a = 0; a < c.adrgs.size(); ++a) {
        const auto& adrg = c.adrgs[a];
        auto need = [&](std::uint32_t bit, std::size_t n, const char* what) {
            if ((adrg.conditions & bit) && n == 0)
                err("empty_list", adrg.code,
                    "ADRG " + adrg.code + " needs a " + what + " list but it is empty");
        };
        need(kPrincipalDx | kAnyDx, n_dx[a], "diagnosis");
        need(kPrincipalPx | kAnyPxList1, n_px1[a], "procedure (list 1)");
        need(kAnyPxList2, n_px2[a], "procedure (list 2)");
    }
    return out;
}

void write_dot(const DrgCatalog& c, std::ostream& out) {
    auto q = [](const std::string& s) {
        std::string r = "\"";
        for (char ch : s) {
            if (ch == '"') r += '\\';
            r += ch;
        }
        return r + "\"";
    };
    out << "digraph " << q(c.manifest.scheme + " " + c.manifest.version) << " {\n"
        << "  rankdir=LR;\n  node [shape=box, fontname=\"Noto Sans CJK SC\"];\n";
    for (const auto& m : c.mdcs) {
        out << "  " << q(m.code) << " [label=" << q(m.code + "\\n" + m.name) << ", shape=folder];\n";
        for (Index a : m.adrgs) {
            const auto& adrg = c.adrgs[static_cast<std::size_t>(a)];
            out << "  " << q(adrg.code) << " [label=" << q(adrg.code + "\\n" + adrg.name) << "];\n";
            out << "  " << q(m.code) << " -> " << q(adrg.code) << ";\n";
            for (Index d : adrg.drgs) {
                const auto& drg = c.drgs[static_cast<std::size_t>(d)];
                out << "  " << q(drg.code) << " [shape=ellipse];\n";
                out << "  " << q(adrg.code) << " -> " << q(drg.code) << ";\n";
            }
        }
    }
    out << "}\n";
}

}  // namespace dipdrg::catalog
