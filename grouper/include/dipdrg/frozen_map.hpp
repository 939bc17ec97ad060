#pragma once
// An immutable string-keyed hash table with open addressing and linear probing, built once
// from an ordinary map: look-ups touch one flat slot array, so grouping millions of cases
// spends less time in hashing containers than std::unordered_map does.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dipdrg/flat_string_index.hpp"

namespace dipdrg {

template <class V>
class FrozenStringMap {
public:
    FrozenStringMap() = default;

    template <class Map>
    explicit FrozenStringMap(Map&& source) {
        values_.reserve(source.size());
        for (auto& [key, value] : source) {
            index_.insert(key, static_cast<std::uint32_t>(values_.size()));
            values_.push_back(std::move(value));
        }
    }

    const V* find(std::string_view key) const {
        const std::uint32_t i = index_.find(key);
        return i == FlatStringIndex::kAbsent ? nullptr : &values_[i];
    }
    std::size_t size() const { return values_.size(); }

private:
    FlatStringIndex index_;
    std::vector<V> values_;
};

}  // namespace dipdrg
