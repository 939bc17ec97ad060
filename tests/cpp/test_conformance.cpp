// The 5,000 graded cases of the reference: status, MDC, ADRG, DRG and the Chinese message
// list (the two MDCZ set-valued lines compared as sets) must all match.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "dipdrg/catalog/csv.hpp"
#include "test_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
std::vector<std::string> split_messages(const std::string& s) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t start = 0;
    while (true) {
        auto pos = s.find(" | ", start);
        out.push_back(s.substr(start, pos - start));
        if (pos == std::string::npos) break;
        start = pos + 3;
    }
    return out;
}
// MDCZ lines list unordered sets: normalise their comma-separated members.
std::string canonical(const std::string& line) {
    for (auto [prefix, suffix] :
         {std::pair<std::string, std::string>{"诊断", "在MDCZ的主诊表内"}, {"诊断匹配MDCZ部位：", ""}}) {
        if (line.rfind(prefix, 0) != 0) continue;
        if (!suffix.empty()
            && (line.size() < suffix.size()
                || line.compare(line.size() - suffix.size(), suffix.size(), suffix) != 0))
            continue;
        auto body = line.substr(prefix.size(), line.size() - prefix.size() - suffix.size());
        std::set<std::string> items;
        std::stringstream ss(body);
        std::string item;
        while (std::getline(ss, item, ',')) items.insert(item);
        std::string out = prefix;
        for (const auto& i : items) out += i + ",";
        return out + suffix;
    }
    return line;
}
}  // namespace

TEST_CASE("conformance: all 5,000 reference cases", "[conformance]") {
    if (!have_reference()) {
        WARN("skipped: reference tables not found at " << reference_dir());
        return;
    }
    auto table = catalog::CsvTable::read(reference_dir() + "/conformance-cases.csv");
    REQUIRE(table.rows() == 5000);
    DrgGrouper grouper(reference_catalog());
    auto col = [&](const char* n) { return table.column(n); };
    std::size_t status_ok = 0, group_ok = 0, messages_ok = 0;
    std::vector<std::string> failures;
    for (std::size_t r = 0; r < table.rows(); ++r) {
        Case c = make_case(table.at(r, col("gender")), table.at(r, col("age")), table.at(r, col("age_days")),
                           table.at(r, col("weight_g")), table.at(r, col("dx_codes")),
                           table.at(r, col("px_codes")));
        grouper.intern(c);
        Trace trace;
        auto res = grouper.group(c, &trace);
        bool st = status_code(res.status) == table.at(r, col("expected_status"))
                  && status_text_zh(res.status) == table.at(r, col("expected_status_zh"));
        bool grp = grouper.mdc_code(res) == table.at(r, col("expected_mdc"))
                   && grouper.adrg_code(res) == table.at(r, col("expected_adrg"))
                   && grouper.drg_code(res) == table.at(r, col("expected_drg"));
        auto got = render_trace(trace, Language::Chinese);
        auto want = split_messages(table.at(r, col("expected_messages")));
        std::transform(got.begin(), got.end(), got.begin(), canonical);
        std::transform(want.begin(), want.end(), want.begin(), canonical);
        bool msg = got == want;
        status_ok += st;
        group_ok += grp;
        messages_ok += msg;
        if ((!st || !grp || !msg) && failures.size() < 10) {
            std::string g;
            for (auto& l : got) g += l + " | ";
            failures.push_back(table.at(r, col("case_id")) + ": got " + status_code(res.status) + " "
                               + grouper.drg_code(res) + " want " + table.at(r, col("expected_drg"))
                               + "\n   got msgs: " + g
                               + "\n  want msgs: " + table.at(r, col("expected_messages")));
        }
    }
    for (const auto& f : failures) UNSCOPED_INFO(f);
    CHECK(status_ok == 5000);
    CHECK(group_ok == 5000);
    CHECK(messages_ok == 5000);
}
