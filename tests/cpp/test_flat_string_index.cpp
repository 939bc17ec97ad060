// The flat code index behind CodeDictionary and the DIP key tables: growth, long keys,
// absent keys, duplicates, and agreement with std::unordered_map on many random codes.
#include <catch2/catch.hpp>
#include <random>
#include <unordered_map>

#include "dipdrg/code_dictionary.hpp"
#include "dipdrg/flat_string_index.hpp"

using namespace dipdrg;

TEST_CASE("FlatStringIndex finds what it holds and nothing else", "[flat-index]") {
    FlatStringIndex index;
    CHECK(index.find("K35.800") == FlatStringIndex::kAbsent);
    CHECK(index.insert("K35.800", 7) == 7);
    CHECK(index.insert("K35.800", 9) == 7);  // present: the first value stays
    const std::string long_key = "a diagnosis key longer than sixteen bytes";
    CHECK(index.insert(long_key, 3) == 3);
    CHECK(index.find(long_key) == 3);
    CHECK(index.find(long_key.substr(0, 16)) == FlatStringIndex::kAbsent);
    CHECK(index.find("K35.80") == FlatStringIndex::kAbsent);
    CHECK(index.find("") == FlatStringIndex::kAbsent);
    CHECK(index.insert("", 11) == 11);
    CHECK(index.find("") == 11);
    CHECK(index.size() == 3);
}

TEST_CASE("FlatStringIndex agrees with unordered_map over 50 000 random codes", "[flat-index]") {
    std::mt19937 rng(20261122);
    std::unordered_map<std::string, std::uint32_t> truth;
    FlatStringIndex index;
    const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.x";
    for (int i = 0; i < 50000; ++i) {
        std::string code(1 + rng() % 24, ' ');
        for (auto& ch : code) ch = alphabet[rng() % (sizeof alphabet - 1)];
        const auto value = static_cast<std::uint32_t>(i);
        const auto [it, added] = truth.emplace(code, value);
        CHECK(index.insert(code, value) == it->second);
    }
    CHECK(index.size() == truth.size());
    for (const auto& [k, v] : truth) REQUIRE(index.find(k) == v);
    for (int i = 0; i < 1000; ++i) {
        std::string probe = "?" + std::to_string(i);
        REQUIRE(index.find(probe) == FlatStringIndex::kAbsent);
    }
}

TEST_CASE("CodeDictionary interns densely and rebuilds its index", "[flat-index]") {
    CodeDictionary dict;
    CHECK(dict.intern("I10") == 0);
    CHECK(dict.intern("E11.900") == 1);
    CHECK(dict.intern("I10") == 0);
    CHECK(dict.find("E11.900") == 1);
    CHECK(dict.find("J18") == kUnknownCode);
    CHECK(dict.code(1) == "E11.900");
    CHECK(dict.size() == 2);
}
