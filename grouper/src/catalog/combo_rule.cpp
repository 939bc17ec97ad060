// Compiles px_combo_rule expressions ("(g1 or (g2 and g3))") to truth tables, so grouping
// evaluates a combination rule with one bit lookup.
#include <cctype>
#include <stdexcept>
#include <string>

#include "dipdrg/catalog/chs_drg_import.hpp"

namespace dipdrg::catalog {
namespace {

class ComboParser {
public:
    ComboParser(const std::string& text, unsigned mask) : s_(text), mask_(mask) {}
    bool parse() {
        bool v = parse_or();
        skip();
        if (pos_ != s_.size()) fail("unexpected text");
        return v;
    }

private:
    void skip() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    bool keyword(const char* kw) {
        skip();
        std::string k(kw);
        if (s_.compare(pos_, k.size(), k) != 0) return false;
        auto end = pos_ + k.size();
        if (end < s_.size() && std::isalnum(static_cast<unsigned char>(s_[end]))) return false;
        pos_ = end;
        return true;
    }
    bool parse_or() {
        bool v = parse_and();
        while (keyword("or")) v = parse_and() || v;
        return v;
    }
    bool parse_and() {
        bool v = parse_atom();
        while (keyword("and")) v = parse_atom() && v;
        return v;
    }
    bool parse_atom() {
        skip();
        if (pos_ < s_.size() && s_[pos_] == '(') {
            // Recursion is bounded: real rules nest a few levels; a hostile one must not
            // exhaust the stack.
            if (++depth_ > kMaxDepth) fail("parentheses nested deeper than 32 levels");
            ++pos_;
            bool v = parse_or();
            --depth_;
            skip();
            if (pos_ >= s_.size() || s_[pos_] != ')') fail("missing ')'");
            ++pos_;
            return v;
        }
        if (pos_ + 1 < s_.size() && s_[pos_] == 'g' && s_[pos_ + 1] >= '1' && s_[pos_ + 1] <= '8') {
            unsigned group = static_cast<unsigned>(s_[pos_ + 1] - '1');
            pos_ += 2;
            return (mask_ >> group) & 1u;
        }
        fail("expected g1..g8 or '('");
        return false;
    }
    [[noreturn]] void fail(const char* what) {
        const std::string shown = s_.size() > 80 ? s_.substr(0, 80) + "…" : s_;
        throw std::invalid_argument("combination rule '" + shown + "': " + what + " at offset "
                                    + std::to_string(pos_));
    }
    static constexpr int kMaxDepth = 32;
    const std::string& s_;
    unsigned mask_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

}  // namespace

std::array<std::uint64_t, 4> compile_combo_rule(const std::string& rule) {
    std::array<std::uint64_t, 4> table{};
    for (unsigned mask = 0; mask < 256; ++mask)
        if (ComboParser(rule, mask).parse()) table[mask >> 6] |= std::uint64_t{1} << (mask & 63);
    return table;
}

}  // namespace dipdrg::catalog
